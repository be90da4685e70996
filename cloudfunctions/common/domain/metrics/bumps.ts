import type { CounterDeltas, CounterName, DistinctDeltas } from '@honglin/types/metrics';
import type { ActivityKind } from '@honglin/types/activity';
import type { RequestCategory } from '@honglin/types/request';
import { dayjs, TOWN_TIMEZONE } from '@honglin/types/time';
import { minutesBetween } from '../timeLimits';
import type { PracticeServed, RequestRecord, SessionPlace } from './records';

/**
 * What each event adds to the counters, defined once, pure: the actions bump these in the event's transaction and
 * the reconciliation rebuilds the counters from the records with the same definitions (rebuild.ts). An event counts
 * in the month it happened in Asia/Shanghai.
 */

/** Statuses in which a session counts as held (check-in closed, or written up afterwards). */
export const HELD_STATUSES = ['held', 'recorded'];

const HELD: Record<ActivityKind, CounterName> = {
  lesson: 'activity.lessonHeld',
  film: 'activity.filmHeld',
  practice: 'activity.practiceHeld',
};

/** The timeline events each event counter counts. */
export const EVENT_COUNTERS: Record<string, CounterName[]> = {
  accepted: ['request.accepted'],
  escalated: ['request.escalated'],
  autoEscalated: ['request.escalated'],
  closed: ['request.rated', 'request.satisfied'],
  reopened: ['request.rated'],
  closedOnBehalf: ['request.ratedOnBehalf'],
  reopenedOnBehalf: ['request.ratedOnBehalf'],
};

/** What a request's timeline event adds to the counters (EVENT_COUNTERS): the action and the rebuild alike. */
export function requestEventBump(event: string): CounterBump {
  return { deltas: Object.fromEntries((EVENT_COUNTERS[event] ?? []).map((name) => [name, 1])), distinct: {} };
}

/** The key an enterprise is counted by: its registered place, else its name as written. */
export function enterpriseKey(enterprise: { name: string; placeId?: string }): string {
  return enterprise.placeId ? `place:${enterprise.placeId}` : `name:${enterprise.name.trim()}`;
}

/**
 * What one event adds to the counters: `bumpCounters(tx, unitPath, at, bump.deltas, bump.distinct)` in the event's
 * transaction, and the same definition when the counters are rebuilt from the records (rebuild.ts).
 */
export interface CounterBump {
  deltas: CounterDeltas;
  distinct: DistinctDeltas;
}

/** A request raised (submit, report, a problem logged on a visit): at its createdAt. */
export function requestReceived(category: RequestCategory): CounterBump {
  return { deltas: { 'request.received': 1, [`request.category.${category}.received`]: 1 }, distinct: {} };
}

/** A request resolved for the first time (never again after a reopen): at its firstResolvedAt. */
export function requestFirstResolved(
  r: Pick<RequestRecord, 'category' | 'enterprise' | 'responsibleKind' | 'createdAt'>,
  at: Date | string,
): CounterBump {
  return {
    deltas: {
      'request.resolved': 1,
      'request.resolveMinutes': minutesBetween(new Date(r.createdAt), new Date(at)),
      'request.enterpriseResolved': r.category === 'enterprise' ? 1 : 0,
      'request.disputeResolved': r.category === 'dispute' ? 1 : 0,
      [`request.category.${r.category}.resolved`]: 1,
      [`request.level.${r.responsibleKind}.resolved`]: 1,
    },
    distinct:
      r.category === 'enterprise' && r.enterprise
        ? { 'request.enterprises': { key: enterpriseKey(r.enterprise) } }
        : {},
  };
}

/**
 * The enterprises a practice served (its outcome, when written up): each joins the enterprises served, in the
 * month the practice took place, along its own unit path, so a registered enterprise counts where it is registered
 * (as a 营商服务 request about it does) and once. Records without `served` count their keys where the practice is.
 */
export function practiceServed(
  practiceUnitPath: readonly string[],
  practice: PracticeServed | null | undefined,
): Array<{ unitPath: string[]; bump: CounterBump }> {
  const served =
    practice?.served ?? (practice?.enterpriseKeys ?? []).map((key) => ({ key, unitPath: [...practiceUnitPath] }));
  // A bump marks one key per name: one (marker-only) bump per enterprise.
  const byKey = new Map(served.map((s) => [s.key, s.unitPath] as const));
  return [...byKey].map(([key, unitPath]) => ({
    unitPath,
    bump: { deltas: {}, distinct: { 'request.enterprises': { key } } },
  }));
}

/** A pledge submitted for review for the first time: at its submittedAt. */
export function pledgeFirstSubmitted(ownerId: string): CounterBump {
  return { deltas: { 'pledge.submitted': 1 }, distinct: { 'pledge.members': { key: ownerId } } };
}

/** What a session is counted by: its kind and where it took place. */
export interface HeldSession {
  kind: ActivityKind;
  place?: SessionPlace | null;
}

const KIND_PEOPLE: Record<ActivityKind, CounterName> = {
  lesson: 'activity.lessonParticipants',
  film: 'activity.filmParticipants',
  practice: 'activity.practiceParticipants',
};

/** A 田间微党课 is a lesson at a registered field; a red-site film a film at a registered red site. */
function placeSpecific(a: HeldSession): { held: CounterName; people: CounterName } | null {
  if (a.kind === 'lesson' && a.place?.kind === 'field')
    return { held: 'activity.fieldLessonHeld', people: 'activity.fieldLessonParticipants' };
  if (a.kind === 'film' && a.place?.kind === 'red_site')
    return { held: 'activity.redSiteFilmHeld', people: 'activity.redSiteFilmParticipants' };
  return null;
}

/** People recorded present at a held session (at its close, or added after it): in the month it took place. */
export function activityPresence(a: HeldSession, present: number): CounterDeltas {
  const deltas: CounterDeltas = { 'activity.participants': present, [KIND_PEOPLE[a.kind]]: present };
  const specific = placeSpecific(a);
  if (specific) deltas[specific.people] = present;
  if (a.place?.placeId) deltas[`place.${a.place.placeId}.${a.kind}.people`] = present;
  return deltas;
}

/** A session held (check-in closed): in the month it took place, with the people present. */
export function activityHeld(branchId: string, a: HeldSession, present: number): CounterBump {
  const deltas: CounterDeltas = { [HELD[a.kind]]: 1, ...activityPresence(a, present) };
  const specific = placeSpecific(a);
  if (specific) deltas[specific.held] = 1;
  if (a.place?.placeId) deltas[`place.${a.place.placeId}.${a.kind}.held`] = 1;
  return { deltas, distinct: { 'activity.held': { key: branchId, sub: a.kind } } };
}

/** The moment a day (YYYY-MM-DD, Shanghai) is counted at: its noon, so its month is the day's own. */
export function dayMoment(day: string): Date {
  return dayjs.tz(`${day} 12:00:00`, TOWN_TIMEZONE).toDate();
}

/** A fulfilment recorded: in the month of its own day; linked to a resident's request, a problem solved through it. */
export function fulfilmentAdded(linkedRequestId: string | undefined): CounterBump {
  return { deltas: { 'pledge.fulfilments': 1, 'pledge.linkedFulfilments': linkedRequestId ? 1 : 0 }, distinct: {} };
}

/** A visit logged: in the month of its own day, with what it led to (problems raised, help on the spot). */
export function visitLogged(householdKey: string, problemsRaised = 0, helpedOnSpot = false): CounterBump {
  return {
    deltas: { 'visit.logged': 1, 'visit.problemsRaised': problemsRaised, 'visit.helpedOnSpot': helpedOnSpot ? 1 : 0 },
    distinct: { 'visit.households': { key: householdKey } },
  };
}
