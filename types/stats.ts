import * as z from 'zod';
import { idSchema, monthSchema } from './common';
import type { RequestCategory } from './request';
import type { PlaceKind, UnitKind } from './org';

/**
 * 统计与报表: figures for a unit (town or village) and a period of whole months (Asia/Shanghai).
 * Every figure is defined once in cloudfunctions/common/domain/metrics/figures.ts and docs/METRICS.md.
 */
export const MAX_PERIOD_MONTHS = 36;

export const periodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), month: monthSchema }),
  z.object({
    kind: z.literal('quarter'),
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4),
  }),
  z.object({ kind: z.literal('year'), year: z.number().int().min(2000).max(2100) }),
  z.object({ kind: z.literal('range'), from: monthSchema, to: monthSchema }),
]);
export type Period = z.output<typeof periodSchema>;

export const statsInputSchema = z.object({ unitId: idSchema, period: periodSchema });
export type StatsInput = z.input<typeof statsInputSchema>;

export const reconcileInputSchema = z.object({ unitId: idSchema, from: monthSchema, to: monthSchema });
export type ReconcileInput = z.input<typeof reconcileInputSchema>;

/** 一月一课一片一实践 */
export interface PartyDayFigures {
  lessons: number;
  films: number;
  practices: number;
  /** 参与人次: people recorded present at held sessions, all kinds together (the sum of the three below). */
  participants: number;
  lessonParticipants: number;
  filmParticipants: number;
  practiceParticipants: number;
  /** 田间微党课: lessons held at a registered field, and their participant-times. */
  fieldLessons: number;
  fieldLessonParticipants: number;
  /** Films shown at a registered red site, and their participant-times. */
  redSiteFilms: number;
  redSiteFilmParticipants: number;
  /** Branches that held a lesson, a film session and a practice in every month of the period. */
  branchesAllThree: number;
  /** Sessions per registered place, most sessions first (places described in words are not listed). */
  byPlace: PlaceFigures[];
}

/** The sessions held at one registered place in the period. */
export interface PlaceFigures {
  placeId: string;
  /** The place's registered name; 已删除的地点 when it is no longer registered. */
  name: string;
  kind: PlaceKind | null;
  lessons: number;
  films: number;
  practices: number;
  participants: number;
}

/** 承诺践诺 */
export interface PledgeFigures {
  /** Distinct members who submitted a pledge for review in the period. */
  members: number;
  pledges: number;
  approved: number;
  fulfilments: number;
  /** 践诺完成: pledges marked completed. */
  completed: number;
  /** Problems solved through pledges: fulfilments linked to a resident's request. */
  linkedFulfilments: number;
  appraised: number;
  /** Open pledges past their due day now (not tied to the period). */
  overdueNow: number;
}

/** 民生诉求 */
export interface RequestFigures {
  received: number;
  accepted: number;
  acceptedOnTime: number;
  /** acceptedOnTime / accepted; null when nothing was accepted. */
  acceptedOnTimeRate: number | null;
  /** Requests accepted for the first time (their first 签收), and of those within the deadline. */
  firstAccepted: number;
  firstAcceptedOnTime: number;
  /** firstAcceptedOnTime / firstAccepted: the on-time acceptance rate over requests; null when none. */
  firstAcceptedOnTimeRate: number | null;
  /** 民生问题: requests of the livelihood categories (咨询、求助、建议、投诉), apart from enterprises and disputes. */
  livelihoodReceived: number;
  livelihoodResolved: number;
  resolved: number;
  /** Mean hours from submission to first resolution; null when nothing was resolved. */
  averageResolveHours: number | null;
  rated: number;
  satisfied: number;
  /** (满意 + 基本满意) / rated; null when nothing was rated. */
  satisfactionRate: number | null;
  /** Ratings recorded on behalf of residents without the app (回访): counted apart, never in the rate above. */
  ratedOnBehalf: number;
  escalated: number;
  enterprisesServed: number;
  enterpriseProblemsSolved: number;
  disputesMediated: number;
  byCategory: Array<{ category: RequestCategory; received: number; resolved: number }>;
  byLevel: Array<{ kind: UnitKind; resolved: number }>;
}

/** 访一访 */
export interface VisitFigures {
  visits: number;
  /** Distinct households visited in the period. */
  households: number;
  /** 议一议: problems residents raised on the visits (each became a request). */
  problemsRaised: number;
  /** 帮一帮: visits on which the head helped on the spot. */
  helpedOnSpot: number;
}

export interface Figures {
  partyDay: PartyDayFigures;
  pledges: PledgeFigures;
  requests: RequestFigures;
  visits: VisitFigures;
}

/** One month of the trend: null when nothing at all was counted that month (no data, not zero). */
export interface TrendPoint {
  month: string;
  figures: {
    sessions: number;
    participants: number;
    pledges: number;
    fulfilments: number;
    received: number;
    resolved: number;
    visits: number;
  } | null;
}

/** A village's figures in a town's breakdown (work done by unit; never a ranking of people). */
export interface UnitBreakdown {
  unitId: string;
  name: string;
  /** true for the row of the town organs' branch (the town's own records, outside every village). */
  townOrgans?: boolean;
  /** null: nothing counted in the period. */
  figures: Figures | null;
}

export interface DashboardUnit {
  _id: string;
  name: string;
  kind: UnitKind;
}

export interface Dashboard {
  unit: DashboardUnit;
  period: Period;
  /** 例如 2026年1月—12月 */
  periodLabel: string;
  months: string[];
  /** null: nothing was counted for the unit in the period (no data, not zero). */
  figures: Figures | null;
  trend: TrendPoint[];
  /** For a town: its villages (and communities), in the unit tree's order. */
  units: UnitBreakdown[];
}

export interface Summary {
  unit: DashboardUnit;
  periodLabel: string;
  text: string;
}

export interface ExportResult {
  fileID: string;
  /** A temporary download link. */
  url: string;
  fileName: string;
  rows: {
    requests: number;
    pledges: number;
    attendance: number;
    sessions: number;
    fulfilments: number;
    visits: number;
  };
  /** True when a list was cut at its row limit. */
  truncated: boolean;
}

export interface ReconcileFix {
  unitId: string;
  month: string;
  /** Counter name → [counted, rebuilt from the records]. */
  counters: Record<string, [number, number]>;
  /** Distinct sightings (a key seen in the unit-month) the records have and the counters lacked, and the reverse. */
  sightingsAdded: number;
  sightingsRemoved: number;
}

export interface ReconcileReport {
  unitId: string;
  months: string[];
  checked: number;
  fixes: ReconcileFix[];
  /** Unit-months whose counters moved while they were checked: left for the next run. */
  busy: Array<{ unitId: string; month: string }>;
}

/** What one run of the fold timer did: markers folded into the distinct counters, and unreadable ones removed. */
export interface FoldReport {
  folded: number;
  dropped: number;
}
