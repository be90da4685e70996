import { REQUEST_CATEGORIES } from './request';
import { UNIT_KINDS } from './org';

/**
 * Counters kept per unit and month (Asia/Shanghai) for the dashboard, bumped in the same transaction as the
 * event they count. Each counts events in the month the event happened. docs/METRICS.md defines every figure
 * built from them; cloudfunctions/common/domain/metrics.ts rebuilds each from the records.
 */
export const BASE_COUNTERS = [
  // 承诺践诺
  'pledge.submitted',
  'pledge.approved',
  'pledge.completed',
  'pledge.appraised',
  'pledge.fulfilments',
  // 民生诉求
  'request.received',
  'request.accepted',
  'request.acceptedOnTime',
  'request.resolved',
  /** Sum of minutes from submission to first resolution of the requests first resolved in the month. */
  'request.resolveMinutes',
  'request.rated',
  'request.satisfied',
  'request.escalated',
  'request.enterpriseResolved',
  'request.disputeResolved',
  // 访一访
  'visit.logged',
  // 一月一课一片一实践
  'activity.lessonHeld',
  'activity.filmHeld',
  'activity.practiceHeld',
  'activity.participants',
] as const;

/** Received and first resolved, by category: `request.category.<category>.received|resolved`. */
export const CATEGORY_COUNTERS = REQUEST_CATEGORIES.flatMap(
  (c) => [`request.category.${c}.received`, `request.category.${c}.resolved`] as const,
);
/** First resolved, by the level (unit kind) that resolved it: `request.level.<kind>.resolved`. */
export const LEVEL_COUNTERS = UNIT_KINDS.map((k) => `request.level.${k}.resolved` as const);

export const COUNTERS = [...BASE_COUNTERS, ...CATEGORY_COUNTERS, ...LEVEL_COUNTERS] as const;
export type CounterName = (typeof COUNTERS)[number];
export type CounterDeltas = Partial<Record<CounterName, number>>;

/**
 * Distinct things counted per unit and month by a marker per (unit, month, name, key): a figure over a
 * period counts the distinct keys of the period's markers.
 * - pledge.members: the owner of a pledge submitted for review (first submission);
 * - request.enterprises: the enterprise (place id, else its name) of an 营商服务 request first resolved;
 * - visit.households: the household of a logged visit;
 * - activity.held: a branch that held a session (key: branch id, sub: lesson | film | practice).
 */
export const DISTINCT_COUNTERS = [
  'pledge.members',
  'request.enterprises',
  'visit.households',
  'activity.held',
] as const;
export type DistinctName = (typeof DISTINCT_COUNTERS)[number];
/** A distinct thing an event adds: its key (and, for activity.held, the session kind). */
export interface DistinctKey {
  key: string;
  sub?: string;
}
export type DistinctDeltas = Partial<Record<DistinctName, DistinctKey>>;
