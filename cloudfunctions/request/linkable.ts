import { LINKABLE_REQUEST_STATES, linkableRequestsInputSchema, type RequestSummary } from '@honglin/types/request';
import type { Page } from '@honglin/types/common';
import { anyone } from '../common/access';
import { command, db } from '../common/cloud';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { HANDLING_ROLES } from '@honglin/types/org';
import { mayView, viewerOf } from '../common/requestAccess';
import { REQUESTS } from '../common/requests';
import type { RequestDoc } from './store';
import { toSummary } from './view';

/**
 * 可关联的诉求: resolved requests the caller may see, newest first, for the picker of a pledge's or a
 * fulfilment's link: those they raised, reported, handled, were assigned or follow, and those on the ladder of a
 * unit they head.
 */
export const linkable = defineAction({
  input: linkableRequestsInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<Page<RequestSummary>> {
    const viewer = viewerOf(openid, caller);
    const headed = viewer.roles.filter((g) => HANDLING_ROLES.includes(g.role)).map((g) => g.unitId);
    const theirs = [
      { participants: openid },
      { reporterId: openid },
      { assigneeId: openid },
      { handledBy: openid },
      ...(headed.length > 0 ? [{ unitPath: command.in(headed) }] : []),
    ];
    const page = await pageOf<RequestDoc>(
      db.collection(REQUESTS),
      command.and([{ state: command.in([...LINKABLE_REQUEST_STATES]) }, command.or(theirs)]) as unknown as Record<
        string,
        unknown
      >,
      'resolvedAt',
      input.cursor,
      input.size,
    );
    return {
      // A follower who moved away is still listed as one; they may no longer see it, so it is not offered.
      items: page.items.filter((doc) => mayView(doc, viewer)).map((doc) => toSummary(doc, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
