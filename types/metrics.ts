/**
 * Counters kept per unit and month (Asia/Shanghai) for the dashboard, bumped in the same transaction as the
 * event they count. Each counts events in the month the event happened. docs/METRICS.md defines every figure
 * built from them.
 */
export const COUNTERS = [
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
  /** Sum of minutes from submission to resolution of the requests resolved in the month (for the average). */
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
export type CounterName = (typeof COUNTERS)[number];
export type CounterDeltas = Partial<Record<CounterName, number>>;
