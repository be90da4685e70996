import { logVisitInputSchema, type LogVisitResult } from '@honglin/types/visit';
import type { RoleGrant } from '@honglin/types/org';
import { roles } from '../common/access';
import type { LadderStep } from '@honglin/types/request';
import { db } from '../common/cloud';
import { inTransaction, txGet } from '../common/db';
import { bumpCounters } from '../common/counters';
import { checkText, SCENE } from '../common/content';
import { dayMoment, requestReceived, visitLogged } from '../common/domain/metrics/bumps';
import { addSums, type Sums } from '../common/domain/metrics/sums';
import { HEAD_ROLES } from '../common/domain/roles';
import { monthOf } from '@honglin/types/time';
import { conflict, forbidden, notFound } from '../common/errors';
import { HOUSEHOLDS, type HouseholdDoc } from '../common/households';
import { defineAction, type CallerRecord } from '../common/runtime';
import { writeNewRequest } from '../common/newRequest';
import { UNITS, type UnitDoc } from '../common/org';
import { actorLabel, ladderFrom } from '../common/requests';
import { VISITS, type VisitDoc } from './store';

/** The head role the caller visits in: the one named, or their first. */
export function visitingGrant(caller: CallerRecord | null, unitId: string | undefined): RoleGrant {
  const grants = (caller?.roles ?? []).filter((g) => HEAD_ROLES.includes(g.role));
  const grant = unitId ? grants.find((g) => g.unitId === unitId) : grants[0];
  if (!grant) throw forbidden('只有邻长、组长、片长可以记录走访');
  return grant;
}

/** The household visited and its neighbourhood's ladder in one read: the record with the units of its path. */
async function loadHousehold(id: string): Promise<{ household: HouseholdDoc; ladder: LadderStep[] }> {
  const { list } = (await db
    .collection(HOUSEHOLDS)
    .aggregate()
    .match({ _id: id })
    .lookup({ from: UNITS, localField: 'unitPath', foreignField: '_id', as: 'units' })
    .end()) as { list: Array<HouseholdDoc & { units: UnitDoc[] }> };
  const [found] = list;
  if (!found) throw notFound('找不到这户，请刷新后重试');
  if (found.closedAt) throw conflict('这户已注销，不能再记录走访');
  const { units, ...household } = found;
  return { household, ladder: ladderFrom(household.unitPath, units) };
}

/**
 * 访一访: a head logs a visit to a household of their unit. Each problem raised becomes a request in the same
 * transaction, reported by the head on the household's behalf. A retried send (same requestId) writes nothing.
 */
export const log = defineAction({
  input: logVisitInputSchema,
  access: roles(HEAD_ROLES),
  async handler(input, { openid, caller, now }): Promise<LogVisitResult> {
    const grant = visitingGrant(caller, input.unitId);
    const { household, ladder } = await loadHousehold(input.household.householdId);
    if (!household.unitPath.includes(grant.unitId)) throw forbidden('这户不在您负责的片、组、邻，只能走访本单位的农户');
    const householdName = household.headName;
    // Only a number the resident gives for these problems now: the household list's number is not the request's.
    const householdPhone = input.household.phone ?? null;
    await checkText(openid, SCENE.post, [input.discussed, ...input.problems.map((p) => p.text)]);

    const label = actorLabel(caller, grant);
    const visitId = input.requestId;
    const requestIds = input.problems.map((_, i) => `${visitId.slice(0, 60)}-p${i + 1}`);
    const outcome = await inTransaction(async (tx) => {
      const existing = await txGet<VisitDoc>(tx, VISITS, visitId);
      if (existing) {
        if (existing.headId !== openid) throw conflict('这个编号已被使用，请重新提交');
        return { created: false, requestIds: existing.problems.map((p) => p.requestId) };
      }
      const visit: Omit<VisitDoc, '_id'> = {
        headId: openid,
        headName: label,
        unitId: grant.unitId,
        unitPath: ladder.map((s) => s.unitId),
        neighbourhoodName: ladder[ladder.length - 1].name,
        householdKey: `hh:${household._id}`,
        householdId: household._id,
        householdName,
        householdUserId: null,
        date: input.date,
        month: input.date.slice(0, 7),
        discussed: input.discussed,
        helpedOnSpot: input.helpedOnSpot,
        problems: input.problems.map((p, i) => ({ category: p.category, text: p.text, requestId: requestIds[i] })),
        createdAt: now,
      };
      await tx
        .collection(VISITS)
        .doc(visitId)
        .set({ data: visit as unknown as Record<string, unknown> });
      for (const [i, problem] of input.problems.entries()) {
        await writeNewRequest(tx, {
          id: requestIds[i],
          problem: { ...problem, photos: [] },
          ladder,
          submitter: null,
          residentName: householdName,
          residentPhone: householdPhone,
          showName: false,
          reporterId: openid,
          reporterName: label,
          visitId,
          actor: openid,
          actorName: label,
          now,
        });
      }
      // The visit counts in the month of its own day; the requests it raised in the month they were received
      // (now). One bump when both months are the same.
      const happened = dayMoment(input.date);
      const visited = visitLogged(visit.householdKey, input.problems.length, input.helpedOnSpot);
      const received: Sums = {};
      for (const problem of input.problems) addSums(received, requestReceived(problem.category).deltas as Sums);
      if (monthOf(happened) === monthOf(now)) {
        addSums(visited.deltas as Sums, received);
        await bumpCounters(tx, visit.unitPath, now, visited.deltas, visited.distinct);
      } else {
        await bumpCounters(tx, visit.unitPath, happened, visited.deltas, visited.distinct);
        await bumpCounters(tx, visit.unitPath, now, received);
      }
      return { created: true, requestIds };
    });
    return { id: visitId, ...outcome };
  },
});
