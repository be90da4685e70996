import {
  commentRequestInputSchema,
  listRequestsInputSchema,
  OPEN_REQUEST_STATES,
  requestRefSchema,
  type CommentResult,
  type RequestDetail,
  type RequestSummary,
} from '@honglin/types/request';
import type { Page } from '@honglin/types/common';
import { monthRange } from '@honglin/types/time';
import { anyone } from '../common/access';
import { command, db } from '../common/cloud';
import { byId, isDuplicateKey, rows } from '../common/db';
import { checkText, SCENE } from '../common/content';
import { maskName } from '@honglin/types/mask';
import { conflict, forbidden } from '../common/errors';
import { LIMITS, refuseWhenRecordsReach } from '../common/limits';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { TIMELINE_COLLECTION, timelineEntry } from '../common/timeline';
import {
  actingGrant,
  actorLabel,
  HANDLING_ROLES,
  mayView,
  NOT_AGREED_MESSAGE,
  NOT_YOURS_MESSAGE,
  REQUESTS,
  viewerOf,
  type RequestDoc,
} from './store';
import { toDetail, toSummary, type RequestTimelineDoc } from './view';

/** The longest history a detail shows (a request rarely has more than a dozen entries). */
const TIMELINE_LIMIT = 100;

/** 诉求详情 with its history, as this caller may see it; FORBIDDEN for anyone it does not concern. */
export const get = defineAction({
  input: requestRefSchema,
  access: anyone,
  async handler({ id }, { openid, caller, now }): Promise<RequestDetail> {
    const viewer = viewerOf(openid, caller);
    const doc = await byId<RequestDoc>(REQUESTS, id);
    // Unknown and not-yours answer alike, so ids cannot be probed.
    if (!doc || !mayView(doc, viewer)) throw forbidden(NOT_YOURS_MESSAGE);
    const timeline = await rows<RequestTimelineDoc>(
      db.collection(TIMELINE_COLLECTION).where({ subjectId: id }).orderBy('at', 'asc').limit(TIMELINE_LIMIT),
    );
    return toDetail(doc, timeline, viewer, now);
  },
});

/**
 * 诉求列表, newest first, one page at a time:
 * - mine: the caller's own requests and those they follow;
 * - unit: heads and admins, what waits in their unit and below (filters: state, category, level, overdue, month);
 * - assigned: a member, what was assigned to them.
 */
export const list = defineAction({
  input: listRequestsInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<Page<RequestSummary>> {
    const condition: Record<string, unknown> = {};
    if (input.scope === 'mine') condition.participants = openid;
    if (input.scope === 'assigned') condition.assigneeId = openid;
    if (input.scope === 'unit') {
      const grants = (caller?.roles ?? [])
        .filter((g) => HANDLING_ROLES.includes(g.role))
        .sort((a, b) => a.unitPath.length - b.unitPath.length);
      const from = input.unitId ? grants.find((g) => g.unitId === input.unitId) : grants[0];
      if (!from) throw forbidden('只有邻长、组长、片长和村镇管理员可以查看待办诉求');
      condition.responsiblePath = input.within ? command.all([from.unitId, input.within]) : from.unitId;
    }
    if (input.state === 'open') condition.state = command.in([...OPEN_REQUEST_STATES]);
    else if (input.state !== 'all') condition.state = input.state;
    if (input.category) condition.category = input.category;
    if (input.level) condition.responsibleKind = input.level;
    if (input.month) {
      const { start, end } = monthRange(input.month);
      condition.createdAt = command.gte(start).and(command.lt(end));
    }
    const where = input.overdue
      ? command.and([
          condition,
          command.or([
            { state: 'submitted', acceptBy: command.lt(now) },
            { state: command.in(['accepted', 'in_progress']), resolveBy: command.lt(now) },
          ]),
        ])
      : condition;
    const page = await pageOf<RequestDoc>(
      db.collection(REQUESTS),
      where as Record<string, unknown>,
      'createdAt',
      input.cursor,
      input.size,
    );
    const viewer = viewerOf(openid, caller);
    return {
      // A follower who moved away (or withdrew consent) is still listed as a participant: not shown it any more.
      items: page.items
        .filter((doc) => input.scope !== 'mine' || mayView(doc, viewer))
        .map((doc) => toSummary(doc, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});

/** 留言: a word on the request's history from anyone it concerns (no state change). */
export const comment = defineAction({
  input: commentRequestInputSchema,
  access: anyone,
  async handler({ id, requestId, text }, { openid, caller, now }): Promise<CommentResult> {
    // Nothing of someone who has not agreed to the privacy guideline is written anywhere.
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    const viewer = viewerOf(openid, caller);
    const roles = viewer.roles;
    const doc = await byId<RequestDoc>(REQUESTS, id);
    if (!doc || !mayView(doc, viewer)) throw forbidden(NOT_YOURS_MESSAGE);
    // The entry's id is the client's request id: a retry finds its own entry (someone else's is CONFLICT).
    const entryId = `comment_${requestId}`;
    // The person's own comments of the last hour are the tally (this one left out, so a retry still answers).
    await refuseWhenRecordsReach(
      LIMITS.comment,
      TIMELINE_COLLECTION,
      { actor: openid, event: 'comment', _id: command.neq(entryId) },
      'at',
      now,
    );
    await checkText(openid, SCENE.comment, [text]);
    const grant = actingGrant(doc, roles);
    const entry = timelineEntry({
      subject: 'request',
      subjectId: id,
      event: 'comment',
      from: doc.state,
      to: doc.state,
      actor: openid,
      // Heads speak in their role; a neighbour who follows it is shown by surname only.
      actorName: grant ? actorLabel(caller, grant) : `关注的居民 ${maskName(actorLabel(caller, undefined))}`,
      at: now,
      note: text,
      unitPath: doc.unitPath,
    });
    // Not a transition: a single write, no transaction needed. Added, never set: a retry's second add fails.
    try {
      await db.collection(TIMELINE_COLLECTION).add({ data: { _id: entryId, ...entry } });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const made = await byId<{ at: Date; actor: string }>(TIMELINE_COLLECTION, entryId);
      if (!made) throw error;
      if (made.actor !== openid) throw conflict('请求编号重复，请重新提交');
      return { id: entryId, at: new Date(made.at).toISOString() };
    }
    return { id: entryId, at: now.toISOString() };
  },
});
