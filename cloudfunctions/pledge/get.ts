import {
  MAX_FULFILMENTS,
  RATABLE_PLEDGE_STATES,
  pledgeIdInputSchema,
  type PledgeDetail,
  type PledgeTimelineEntry,
} from '@honglin/types/pledge';
import { dayOf } from '@honglin/types/time';
import { anyone, matchingGrants } from '../common/access';
import { db } from '../common/cloud';
import { byId, rows } from '../common/db';
import { forbidden } from '../common/errors';
import { defineAction } from '../common/runtime';
import { TIMELINE_COLLECTION, type TimelineEntry } from '../common/timeline';
import {
  PLEDGE_RATINGS,
  isOnWall,
  isResidentOf,
  loadPledge,
  pledgeCaller,
  seesWall,
  toFulfilment,
  toSummary,
  type RatingDoc,
} from './store';
import { ADMIN_ROLES } from '@honglin/types/org';

/**
 * One pledge with its fulfilment records. The owner and the branch (its secretaries, admins over it) see it in
 * every state with its history; anyone who sees the village's wall sees it once approved.
 */
export const get = defineAction({
  input: pledgeIdInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<PledgeDetail> {
    const who = pledgeCaller(openid, caller);
    const pledge = await loadPledge(input.id);
    const owner = pledge.ownerId === openid;
    const target = { unitPath: pledge.unitPath, branchId: pledge.branchId };
    const secretary = matchingGrants(who.roles, ['branch_secretary'], target).length > 0;
    const branch = owner || secretary || matchingGrants(who.roles, ADMIN_ROLES, target).length > 0;
    if (!branch && !(isOnWall(pledge) && seesWall(who, pledge.villageId))) throw forbidden('您不能查看这条承诺');

    const resident =
      !owner && !secretary && isResidentOf(who, pledge.villageId) && RATABLE_PLEDGE_STATES.includes(pledge.state);
    // One more read at most: the history for the branch, or the resident's own vote. (An admin over the branch
    // who also lives in the village is offered 满意/不满意 without knowing their vote; a second one gets CONFLICT.)
    const timeline = branch
      ? await rows<TimelineEntry>(
          db
            .collection(TIMELINE_COLLECTION)
            .where({ subject: 'pledge', subjectId: pledge._id })
            .orderBy('at', 'asc')
            .limit(100),
        )
      : undefined;
    const vote = !branch && resident ? await byId<RatingDoc>(PLEDGE_RATINGS, `${pledge._id}_${openid}`) : null;

    const state = pledge.state;
    return {
      ...toSummary(pledge, dayOf(now), branch),
      fulfilments: pledge.fulfilments.map((f) => toFulfilment(f, pledge.pendingPhotos, branch)),
      ...(timeline ? { timeline: timeline.map((e) => toTimelineEntry(e, pledge.ownerId)) } : {}),
      ...(vote ? { myRating: vote.verdict } : {}),
      can: {
        edit: owner && (state === 'draft' || state === 'returned'),
        submit: owner && (state === 'draft' || state === 'returned'),
        withdraw: owner && (state === 'draft' || state === 'submitted' || state === 'approved'),
        review: secretary && state === 'submitted',
        addFulfilment: owner && state === 'approved' && pledge.fulfilments.length < MAX_FULFILMENTS,
        complete: owner && state === 'approved' && pledge.fulfilments.length > 0,
        appraise: secretary && state === 'completed',
        rate: resident && !vote,
      },
    };
  },
});

function toTimelineEntry(entry: TimelineEntry, ownerId: string): PledgeTimelineEntry {
  return {
    event: entry.event,
    from: entry.from as PledgeTimelineEntry['from'],
    to: entry.to as PledgeTimelineEntry['to'],
    at: new Date(entry.at).toISOString(),
    by: entry.actor === ownerId ? 'owner' : 'branch',
    ...(entry.note ? { note: entry.note } : {}),
  };
}
