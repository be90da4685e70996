import { LINKABLE_REQUEST_STATES, linkableRequestsInputSchema, type RequestSummary } from '@honglin/types/request';
import type { Page } from '@honglin/types/common';
import { anyone } from '../common/access';
import { command, db } from '../common/cloud';
import { byId } from '../common/db';
import { invalidArgument } from '../common/errors';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { HANDLING_ROLES, mayView, REQUESTS, type RequestDoc, type Viewer, viewerOf } from './store';
import { toSummary } from './view';

/**
 * A pledge or a fulfilment may name the resident request it solved only when the member may see that request and
 * it is resolved: a typed or guessed id of someone else's request links nothing.
 */
export async function checkLinkable(id: string, viewer: Viewer): Promise<void> {
  checkLinkableDoc(await byId<RequestDoc>(REQUESTS, id), viewer);
}

/** The same check on a request already read (null: no such request). */
export function checkLinkableDoc(doc: RequestDoc | null, viewer: Viewer): void {
  if (!doc || !mayView(doc, viewer)) throw invalidArgument('只能关联您能查看的诉求，请从列表中选择');
  if (!LINKABLE_REQUEST_STATES.includes(doc.state)) throw invalidArgument('只能关联已经办结的诉求');
}

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
