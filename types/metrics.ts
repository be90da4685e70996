import { REQUEST_CATEGORIES } from './request';
import { UNIT_KINDS } from './org';
import { MAX_PERIOD_MONTHS } from './stats';

/**
 * Counters kept per unit and month (Asia/Shanghai) for the dashboard, bumped in the same transaction as the
 * event they count. Each counts events in the month the event happened. docs/METRICS.md defines every figure
 * built from them; cloudfunctions/common/domain/metrics/rebuild.ts rebuilds each from the records.
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
  /** Ratings recorded on behalf of a resident without the app (回访), counted apart from residents' own. */
  'request.ratedOnBehalf',
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
  /** Participant-times of each kind on its own (their sum is activity.participants). */
  'activity.lessonParticipants',
  'activity.filmParticipants',
  'activity.practiceParticipants',
  /** 田间微党课: lessons held at a registered field (place kind `field`), and their participant-times. */
  'activity.fieldLessonHeld',
  'activity.fieldLessonParticipants',
  /** Films shown at a registered red site (place kind `red_site`), and their participant-times. */
  'activity.redSiteFilmHeld',
  'activity.redSiteFilmParticipants',
  /** Branches whose month reached all three kinds held (lesson, film, practice), in that month. */
  'activity.branchesAllThree',
  /** 帮一帮 through pledges: fulfilments linked to a resident's request, in the month of the fulfilment's day. */
  'pledge.linkedFulfilments',
  /** First acceptances (a request's first 签收 at any level) and those within the acceptance deadline. */
  'request.firstAccepted',
  'request.firstAcceptedOnTime',
  /** 议一议: problems residents raised on visits (each became a request), in the month of the visit's day. */
  'visit.problemsRaised',
  /** 帮一帮: visits on which the head helped on the spot. */
  'visit.helpedOnSpot',
] as const;

/** Received and first resolved, by category: `request.category.<category>.received|resolved`. */
export const CATEGORY_COUNTERS = REQUEST_CATEGORIES.flatMap(
  (c) => [`request.category.${c}.received`, `request.category.${c}.resolved`] as const,
);
/** First resolved, by the level (unit kind) that resolved it: `request.level.<kind>.resolved`. */
export const LEVEL_COUNTERS = UNIT_KINDS.map((k) => `request.level.${k}.resolved` as const);

/** Distinct figures asked for over any period: a key counts once however many of the period's months it was seen in. */
export const RANGE_DISTINCT = ['pledge.members', 'request.enterprises', 'visit.households'] as const;
export type RangeDistinctName = (typeof RANGE_DISTINCT)[number];

/**
 * A key seen in a month for the first time that month is counted there by how many months before it was last seen:
 * `g1` … `g35`, or `gn` when never (or 36 months or more before: no period is that long, see MAX_PERIOD_MONTHS).
 * Over months a..b, a key counts once: in the first month m of a..b it was seen in, where its gap is more than
 * m − a (cloudfunctions/common/domain/metrics/distinct.ts).
 */
export const MAX_GAP = MAX_PERIOD_MONTHS - 1;
export type GapBucket = `g${number}` | 'gn';
export const GAP_BUCKETS: readonly GapBucket[] = [
  ...Array.from({ length: MAX_GAP }, (_, i) => `g${i + 1}` as const),
  'gn',
];
/** `gap.<distinct name>.<bucket>`: the keys first seen in the month, by their gap. */
export const GAP_COUNTERS = RANGE_DISTINCT.flatMap((name) =>
  GAP_BUCKETS.map((bucket) => `gap.${name}.${bucket}` as const),
);

/**
 * A branch that held all three kinds in a month for n months running up to that month (n ≤ MAX_PERIOD_MONTHS):
 * `activity.allThreeRun.r<n>`. Branches that held all three in every month of a period of L months ending in month
 * b are the sum of the run counters of b with n ≥ L (cloudfunctions/common/domain/metrics/distinct.ts).
 */
export const RUN_COUNTERS = Array.from(
  { length: MAX_PERIOD_MONTHS },
  (_, i) => `activity.allThreeRun.r${i + 1}` as const,
);

export const COUNTERS = [
  ...BASE_COUNTERS,
  ...CATEGORY_COUNTERS,
  ...LEVEL_COUNTERS,
  ...GAP_COUNTERS,
  ...RUN_COUNTERS,
] as const;
export type CounterName = (typeof COUNTERS)[number];
/**
 * Sessions held and participant-times per registered place: `place.<placeId>.<kind>.held|people`. Not in the
 * catalogue (places are data): the dashboard sums them apart and names them from the places of the unit.
 */
export type PlaceCounterName = `place.${string}.${'lesson' | 'film' | 'practice'}.${'held' | 'people'}`;
export const PLACE_COUNTER = /^place\.([^.]+)\.(lesson|film|practice)\.(held|people)$/;
export type CounterDeltas = Partial<Record<CounterName | PlaceCounterName, number>>;

/**
 * Distinct things an event marks, with the key it is counted by:
 * - pledge.members: the owner of a pledge submitted for review (first submission);
 * - request.enterprises: the enterprise (place id, else its name) of an 营商服务 request first resolved;
 * - visit.households: the household of a logged visit;
 * - activity.held: a branch that held a session (key: branch id, sub: lesson | film | practice).
 * The event writes a marker (unit, month, name, key) without reading anything; the stats timer folds markers into
 * the gap counters above and `activity.branchesAllThree` (cloudfunctions/stats/fold.ts), and a dashboard read
 * before that adds the markers still waiting (cloudfunctions/common/domain/metrics/distinct.ts).
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
