import { PLACE_COUNTER, RUN_COUNTERS, type CounterName } from '@honglin/types/metrics';
import { REQUEST_CATEGORIES, type RequestCategory } from '@honglin/types/request';
import { UNIT_KINDS, type PlaceKind } from '@honglin/types/org';
import type { ActivityKind } from '@honglin/types/activity';
import type { Figures, PlaceFigures, TrendPoint } from '@honglin/types/stats';
import type { DistinctCounts, PlaceSums, Sums } from './sums';

/**
 * The dashboard's figures, each defined once (docs/METRICS.md says the same in words), pure: from a period's
 * counter sums and distinct counts to every figure, and from one month's sums to its point of the trend.
 */

const n = (sums: Sums, name: CounterName) => sums[name] ?? 0;
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Sessions per registered place, most sessions first, named from the places known (else as no longer registered). */
function placeFigures(sums: PlaceSums, places: ReadonlyMap<string, { name: string; kind: PlaceKind }>): PlaceFigures[] {
  const byPlace = new Map<string, PlaceFigures>();
  const field = { lesson: 'lessons', film: 'films', practice: 'practices' } as const;
  for (const [name, value] of Object.entries(sums)) {
    const match = PLACE_COUNTER.exec(name);
    if (!match || !value) continue;
    const [, placeId, kind, what] = match;
    const known = places.get(placeId);
    const row = byPlace.get(placeId) ?? {
      placeId,
      name: known?.name ?? '已删除的地点',
      kind: known?.kind ?? null,
      lessons: 0,
      films: 0,
      practices: 0,
      participants: 0,
    };
    if (what === 'held') row[field[kind as ActivityKind]] += value;
    else row.participants += value;
    byPlace.set(placeId, row);
  }
  return [...byPlace.values()]
    .filter((p) => p.lessons + p.films + p.practices > 0)
    .sort(
      (a, b) =>
        b.lessons + b.films + b.practices - (a.lessons + a.films + a.practices) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
}

/** Branches that held all three kinds in every one of the last `length` months: run counters of the last month. */
export function branchesAllThreeOver(lastMonth: Sums | undefined, length: number): number {
  return RUN_COUNTERS.slice(length - 1).reduce((total, name) => total + (lastMonth?.[name] ?? 0), 0);
}

/**
 * 民生问题: the categories residents bring about their own lives, apart from enterprise problems and disputes. Every
 * category says whether it is one, so a category added to REQUEST_CATEGORIES cannot be left out of the figures unseen.
 */
const IS_LIVELIHOOD: Record<RequestCategory, boolean> = {
  consultation: true,
  help: true,
  suggestion: true,
  complaint: true,
  enterprise: false,
  dispute: false,
};
const LIVELIHOOD_CATEGORIES = REQUEST_CATEGORIES.filter((c) => IS_LIVELIHOOD[c]);

export interface FigureInputs {
  /** Counter sums over the period's months. */
  sums: Sums;
  /** Per-place counters summed over the period's months. */
  placeSums?: PlaceSums;
  /** The registered places the per-place counters are named from. */
  places?: ReadonlyMap<string, { name: string; kind: PlaceKind }>;
  /** Distinct keys over the whole period. */
  distinct: DistinctCounts;
  /** Branches with all three kinds held in every month of the period. */
  branchesAllThree: number;
  overduePledgesNow: number;
}

/** Every dashboard figure, from the period's counter sums and distinct counts. */
export function figuresOf({
  sums,
  placeSums = {},
  places = new Map(),
  distinct,
  branchesAllThree,
  overduePledgesNow,
}: FigureInputs): Figures {
  const resolved = n(sums, 'request.resolved');
  const firstAccepted = n(sums, 'request.firstAccepted');
  const livelihood = (what: 'received' | 'resolved') =>
    LIVELIHOOD_CATEGORIES.reduce((total, c) => total + n(sums, `request.category.${c}.${what}`), 0);
  const accepted = n(sums, 'request.accepted');
  const rated = n(sums, 'request.rated');
  const minutes = n(sums, 'request.resolveMinutes');
  return {
    partyDay: {
      lessons: n(sums, 'activity.lessonHeld'),
      films: n(sums, 'activity.filmHeld'),
      practices: n(sums, 'activity.practiceHeld'),
      participants: n(sums, 'activity.participants'),
      lessonParticipants: n(sums, 'activity.lessonParticipants'),
      filmParticipants: n(sums, 'activity.filmParticipants'),
      practiceParticipants: n(sums, 'activity.practiceParticipants'),
      fieldLessons: n(sums, 'activity.fieldLessonHeld'),
      fieldLessonParticipants: n(sums, 'activity.fieldLessonParticipants'),
      redSiteFilms: n(sums, 'activity.redSiteFilmHeld'),
      redSiteFilmParticipants: n(sums, 'activity.redSiteFilmParticipants'),
      branchesAllThree,
      byPlace: placeFigures(placeSums, places),
    },
    pledges: {
      members: distinct['pledge.members'] ?? 0,
      pledges: n(sums, 'pledge.submitted'),
      approved: n(sums, 'pledge.approved'),
      fulfilments: n(sums, 'pledge.fulfilments'),
      completed: n(sums, 'pledge.completed'),
      linkedFulfilments: n(sums, 'pledge.linkedFulfilments'),
      appraised: n(sums, 'pledge.appraised'),
      overdueNow: overduePledgesNow,
    },
    requests: {
      received: n(sums, 'request.received'),
      accepted,
      acceptedOnTime: n(sums, 'request.acceptedOnTime'),
      acceptedOnTimeRate: rate(n(sums, 'request.acceptedOnTime'), accepted),
      firstAccepted,
      firstAcceptedOnTime: n(sums, 'request.firstAcceptedOnTime'),
      firstAcceptedOnTimeRate: rate(n(sums, 'request.firstAcceptedOnTime'), firstAccepted),
      livelihoodReceived: livelihood('received'),
      livelihoodResolved: livelihood('resolved'),
      resolved,
      averageResolveHours: resolved > 0 ? Math.round((minutes / resolved / 60) * 10) / 10 : null,
      rated,
      satisfied: n(sums, 'request.satisfied'),
      satisfactionRate: rate(n(sums, 'request.satisfied'), rated),
      ratedOnBehalf: n(sums, 'request.ratedOnBehalf'),
      escalated: n(sums, 'request.escalated'),
      enterprisesServed: distinct['request.enterprises'] ?? 0,
      enterpriseProblemsSolved: n(sums, 'request.enterpriseResolved'),
      disputesMediated: n(sums, 'request.disputeResolved'),
      byCategory: REQUEST_CATEGORIES.map((category) => ({
        category,
        received: n(sums, `request.category.${category}.received`),
        resolved: n(sums, `request.category.${category}.resolved`),
      })),
      byLevel: UNIT_KINDS.map((kind) => ({ kind, resolved: n(sums, `request.level.${kind}.resolved`) })),
    },
    visits: {
      visits: n(sums, 'visit.logged'),
      households: distinct['visit.households'] ?? 0,
      problemsRaised: n(sums, 'visit.problemsRaised'),
      helpedOnSpot: n(sums, 'visit.helpedOnSpot'),
    },
  };
}

/** One month of the trend, or null when nothing was counted that month. */
export function trendPoint(month: string, sums: Sums | undefined): TrendPoint {
  if (!sums) return { month, figures: null };
  return {
    month,
    figures: {
      sessions: n(sums, 'activity.lessonHeld') + n(sums, 'activity.filmHeld') + n(sums, 'activity.practiceHeld'),
      participants: n(sums, 'activity.participants'),
      pledges: n(sums, 'pledge.submitted'),
      fulfilments: n(sums, 'pledge.fulfilments'),
      received: n(sums, 'request.received'),
      resolved: n(sums, 'request.resolved'),
      visits: n(sums, 'visit.logged'),
    },
  };
}
