import {
  COUNTERS,
  PLACE_COUNTER,
  RUN_COUNTERS,
  type CounterDeltas,
  type CounterName,
  type DistinctDeltas,
  type DistinctName,
} from '@honglin/types/metrics';
import { REQUEST_CATEGORIES, type RequestCategory } from '@honglin/types/request';
import { UNIT_KINDS, type UnitKind } from '@honglin/types/org';
import type { ActivityKind } from '@honglin/types/activity';
import type { Figures, Period, PlaceFigures, TrendPoint } from '@honglin/types/stats';
import type { PlaceKind } from '@honglin/types/org';
import { MAX_PERIOD_MONTHS } from '@honglin/types/stats';
import { dayjs, monthOf, TOWN_TIMEZONE } from '@honglin/types/time';
import { minutesBetween } from './timeLimits';

/**
 * The statistics' figures, each defined once (docs/METRICS.md says the same in words). Pure: from counter
 * sums to figures, and from raw records to the counters they should have produced. Every date is read in
 * Asia/Shanghai: an event belongs to the month in which it happened there.
 */

export type Sums = Partial<Record<CounterName, number>>;
/** Per-place counters (`place.<id>.<kind>.held|people`), summed apart from the catalogue. */
export type PlaceSums = Record<string, number>;
export type DistinctCounts = Partial<Record<DistinctName, number>>;

// ---------------------------------------------------------------- periods

/** The months of a period, oldest first; a string explains a period that cannot be used. */
export function periodMonths(period: Period): string[] | string {
  let from: string;
  let to: string;
  switch (period.kind) {
    case 'month':
      from = to = period.month;
      break;
    case 'quarter': {
      const first = (period.quarter - 1) * 3 + 1;
      from = `${period.year}-${String(first).padStart(2, '0')}`;
      to = `${period.year}-${String(first + 2).padStart(2, '0')}`;
      break;
    }
    case 'year':
      from = `${period.year}-01`;
      to = `${period.year}-12`;
      break;
    case 'range':
      from = period.from;
      to = period.to;
  }
  if (from > to) return '开始月份不能晚于结束月份';
  const months: string[] = [];
  for (let m = dayjs.tz(`${from}-01`, TOWN_TIMEZONE); m.format('YYYY-MM') <= to; m = m.add(1, 'month')) {
    months.push(m.format('YYYY-MM'));
    if (months.length > MAX_PERIOD_MONTHS) return `一次最多统计${MAX_PERIOD_MONTHS}个月`;
  }
  return months;
}

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** How a period reads in Chinese: 2026年5月, 2026年第二季度, 2026年, 2026年1月至2026年6月. */
export function periodLabel(period: Period): string {
  switch (period.kind) {
    case 'month':
      return monthLabel(period.month);
    case 'quarter':
      return `${period.year}年第${'一二三四'[period.quarter - 1]}季度`;
    case 'year':
      return `${period.year}年`;
    case 'range':
      return period.from === period.to
        ? monthLabel(period.from)
        : `${monthLabel(period.from)}至${monthLabel(period.to)}`;
  }
}

/** The months a reconciliation looks at by default: last month and this month. */
export function recentMonths(now: Date): string[] {
  const current = monthOf(now);
  const last = dayjs.tz(`${current}-01`, TOWN_TIMEZONE).subtract(1, 'month').format('YYYY-MM');
  return [last, current];
}

/** The months whose counter shards the nightly timer prepares: this month and next month. */
export function shardMonths(now: Date): string[] {
  const current = monthOf(now);
  const next = dayjs.tz(`${current}-01`, TOWN_TIMEZONE).add(1, 'month').format('YYYY-MM');
  return [current, next];
}

// ---------------------------------------------------------------- figures from counters

const n = (sums: Sums, name: CounterName) => sums[name] ?? 0;
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Adds counter sums (e.g. the months of a period). */
export function addSums(into: Sums, more: Sums): Sums {
  for (const [name, value] of Object.entries(more)) {
    if (COUNTERS.includes(name as CounterName))
      into[name as CounterName] = (into[name as CounterName] ?? 0) + (value ?? 0);
  }
  return into;
}

/** Adds the per-place counters of a shard's (or a sum's) flat counts. */
export function addPlaceSums(into: PlaceSums, more: Record<string, number>): PlaceSums {
  for (const [name, value] of Object.entries(more))
    if (PLACE_COUNTER.test(name)) into[name] = (into[name] ?? 0) + (value ?? 0);
  return into;
}

/** Sessions per registered place, most sessions first, named from the places known (else as no longer registered). */
export function placeFigures(
  sums: PlaceSums,
  places: ReadonlyMap<string, { name: string; kind: PlaceKind }>,
): PlaceFigures[] {
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

/** 民生问题: the categories residents bring about their own lives, apart from enterprise problems and disputes. */
export const LIVELIHOOD_CATEGORIES: readonly RequestCategory[] = ['consultation', 'help', 'suggestion', 'complaint'];

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

// ---------------------------------------------------------------- the written summary

const pct = (r: number | null) => (r === null ? null : `${Math.round(r * 1000) / 10}%`);

/** Names joined the way the article lists them: 叶家祠、八担坵、张经武故居. */
const listed = (names: readonly string[]) => names.join('、');

/**
 * The plain-language report in the article's own voice (鹿原镇's year-end figures), from the same figures as the
 * dashboard: each kind with its own sessions and participant-times, 田间微党课 only for lessons at fields, the red
 * sites named where films were shown, livelihood problems apart from enterprises and disputes. Parts with nothing
 * to report are left out rather than written as zero. docs/METRICS.md gives the sentence each figure is used in.
 */
export function summaryText(
  unit: { name: string; kind: UnitKind },
  label: string,
  figures: Figures | null,
  monthCount = 1,
): string {
  const whole = unit.kind === 'town' ? '全镇' : unit.kind === 'village' ? '全村' : unit.name;
  const opening = `${label}，${unit.name}`;
  if (!figures) return `${opening}暂无统计数据。`;
  const { partyDay: d, pledges: p, requests: r, visits: v } = figures;
  const parts: string[] = [];
  if (d.lessons > 0) {
    const otherLessons = d.lessons - d.fieldLessons;
    parts.push(
      otherLessons === 0
        ? `已开展田间“微党课”${d.fieldLessons}场，参与${d.lessonParticipants}人次`
        : d.fieldLessons > 0
          ? `已开展“微党课”${d.lessons}场，其中田间“微党课”${d.fieldLessons}场，参与${d.lessonParticipants}人次`
          : `已开展“微党课”${d.lessons}场，参与${d.lessonParticipants}人次`,
    );
  }
  if (d.films > 0) {
    const sites = d.byPlace.filter((place) => place.kind === 'red_site' && place.films > 0).map((x) => x.name);
    const where = sites.length ? `依托${listed(sites)}等红色教育资源，` : '';
    const how = sites.length ? '沉浸式学习' : '学习';
    parts.push(`${where}开展“微视频”${how}${d.films}场次，参与${d.filmParticipants}人次`);
  }
  if (d.practices > 0) parts.push(`开展“微实践”活动${d.practices}场，参与${d.practiceParticipants}人次`);
  if (d.branchesAllThree > 0) {
    const every = monthCount > 1 ? `${monthCount}个月每月都` : '';
    parts.push(`${d.branchesAllThree}个支部${every}开展了“一课一片一实践”`);
  }
  if (r.enterpriseProblemsSolved > 0 || r.enterprisesServed > 0) {
    parts.push(
      r.enterpriseProblemsSolved > 0
        ? `共为${r.enterprisesServed}家企业解决实际困难${r.enterpriseProblemsSolved}个`
        : `共走访服务企业${r.enterprisesServed}家`,
    );
  }
  if (r.disputesMediated > 0) parts.push(`化解矛盾纠纷${r.disputesMediated}个`);
  if (p.pledges > 0) {
    const done = p.completed ? `，践诺完成${p.completed}项` : '';
    parts.push(
      `已有${p.members}名党员进行了承诺践诺，共计收集党员承诺${p.pledges}件，记录践诺${p.fulfilments}次${done}`,
    );
  }
  if (r.livelihoodReceived > 0 || r.livelihoodResolved > 0) {
    const satisfaction = pct(r.satisfactionRate);
    const viaPledges = p.linkedFulfilments ? `，其中党员践诺帮助解决${p.linkedFulfilments}次` : '';
    parts.push(
      `收到群众咨询、求助、建议、投诉${r.livelihoodReceived}件，帮助群众解决各类民生实事问题${r.livelihoodResolved}个` +
        `${viaPledges}${satisfaction ? `，群众满意率${satisfaction}` : ''}`,
    );
  } else if (p.linkedFulfilments > 0) parts.push(`党员践诺帮助解决群众诉求${p.linkedFulfilments}次`);
  if (v.visits > 0) {
    const led = [
      v.problemsRaised ? `议一议收集问题${v.problemsRaised}个` : '',
      v.helpedOnSpot ? `帮一帮当场帮办${v.helpedOnSpot}次` : '',
    ].filter(Boolean);
    parts.push(`片组邻“三长”走访群众${v.visits}次，覆盖${v.households}户${led.length ? `，${led.join('，')}` : ''}`);
  }
  if (parts.length === 0) return `${opening}暂无可统计的工作记录。`;
  return `${opening}${whole}${parts.join('；')}。`;
}

// ---------------------------------------------------------------- counters rebuilt from the records

/** The fields of each record that the counters count (what reconciliation reads). */
export interface RequestRecord {
  unitPath: string[];
  category: RequestCategory;
  enterprise?: { name: string; placeId?: string } | null;
  responsibleKind: UnitKind;
  createdAt: Date | string;
  firstResolvedAt?: Date | string | null;
  /** The first 签收 at any level. */
  firstAcceptedAt?: Date | string | null;
}
export interface RequestEventRecord {
  unitPath: string[];
  event: string;
  at: Date | string;
}
export interface PledgeRecord {
  unitPath: string[];
  ownerId: string;
  submittedAt?: Date | string | null;
  approvedAt?: Date | string | null;
  completedAt?: Date | string | null;
  appraisedAt?: Date | string | null;
  /** `day`: the day it happened (older records: none, counted at createdAt). */
  fulfilments?: Array<{ createdAt: Date | string; day?: string; linkedRequestId?: string }>;
}
export interface ActivityRecord {
  unitPath: string[];
  branchId: string;
  kind: ActivityKind;
  month: string;
  status: string;
  attendance?: { present?: number };
  place?: SessionPlace | null;
  /** A practice's outcome: the enterprises it served (counted with the enterprises served). */
  practice?: PracticeServed | null;
}
export interface VisitRecord {
  unitPath: string[];
  householdKey: string;
  /** The day of the visit (older records: none, counted at createdAt). */
  date?: string;
  createdAt: Date | string;
  problems?: unknown[];
  helpedOnSpot?: boolean;
}

export interface RecordSet {
  requests: RequestRecord[];
  /** Timeline entries of requests (accepted, escalated, rated …). */
  requestEvents: RequestEventRecord[];
  pledges: PledgeRecord[];
  activities: ActivityRecord[];
  visits: VisitRecord[];
}

export interface Marker {
  name: DistinctName;
  key: string;
  sub: string;
}

/**
 * The one unit an event's distinct markers are written at: its village (or community), or the town for the town
 * organs' branch whose path is just [town]. A town's distinct figures group the markers of the town and all its
 * villages by (name, key) when they are read, so a key seen in two villages counts once for the town.
 */
export function markerUnit(unitPath: readonly string[]): string {
  return unitPath[1] ?? unitPath[0];
}

/**
 * The counters of the town organs' branch on their own (records whose path is just [town]): the distinct figures
 * and all-three branches the fold counts apart under this id; the event counters are the town's less its villages'.
 */
export const organsUnitId = (town: string) => `${town}.organs`;

/** The id of a unit-month in maps of counts: `unit|month`. */
export const cellId = (unitId: string, month: string) => `${unitId}|${month}`;

/** The unit and month of a cellId. */
export function cellOf(id: string): { unitId: string; month: string } {
  const [unitId, month] = id.split('|');
  return { unitId, month };
}

export interface UnitMonth {
  unitId: string;
  /** The town the unit is in (itself for a town). */
  town: string;
  month: string;
  counts: Sums;
  /** Per-place counters (`place.<id>.<kind>.held|people`). */
  placeCounts: PlaceSums;
  markers: Marker[];
  /** name|key|sub of the markers, to keep them distinct. */
  seen: Set<string>;
}

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

/** The key an enterprise is counted by: its registered place, else its name as written. */
export function enterpriseKey(enterprise: { name: string; placeId?: string }): string {
  return enterprise.placeId ? `place:${enterprise.placeId}` : `name:${enterprise.name.trim()}`;
}

/**
 * What one event adds to the counters: `bumpCounters(tx, unitPath, at, bump.deltas, bump.distinct)` in the event's
 * transaction, and the same definition when the counters are rebuilt from the records below.
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

/** An enterprise a practice served: its key (enterpriseKey) and the unit path it is counted along. */
export interface ServedEnterprise {
  key: string;
  /** A registered enterprise's registered place's path, else the practice's own. */
  unitPath: string[];
}

/** What a stored practice says it served: `served`; records written before it have `enterpriseKeys` only. */
export interface PracticeServed {
  served?: ServedEnterprise[];
  enterpriseKeys?: string[];
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

/** Where a session took place, as stored: a registered place keeps its kind (field, red site …). */
export interface SessionPlace {
  placeId?: string;
  name?: string;
  kind?: PlaceKind;
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

/**
 * What the counters of each (village/town, month) in `months` should be, from the records: the same rule as
 * each event's bump, read back from the dates the records keep. `request.acceptedOnTime` is the one counter
 * the records cannot give (the time limit in force at each acceptance is not kept): it is left as counted.
 */
export function rebuildCounters(records: RecordSet, months: readonly string[]): Map<string, UnitMonth> {
  const wanted = new Set(months);
  const out = new Map<string, UnitMonth>();
  const cell = (unitPath: readonly string[], month: string): UnitMonth[] => {
    if (!wanted.has(month)) return [];
    return [...new Set(unitPath.slice(0, 2))].map((unitId) => {
      const id = cellId(unitId, month);
      let c = out.get(id);
      if (!c)
        out.set(
          id,
          (c = { unitId, town: unitPath[0], month, counts: {}, placeCounts: {}, markers: [], seen: new Set() }),
        );
      return c;
    });
  };
  const mark = (c: UnitMonth, marker: Marker) => {
    const id = `${marker.name}|${marker.key}|${marker.sub}`;
    if (c.seen.has(id)) return;
    c.seen.add(id);
    c.markers.push(marker);
  };
  // Counts at the village and the town; distinct markers at the event's marker unit only, as bumpCounters does.
  const add = (unitPath: readonly string[], c: UnitMonth, { deltas, distinct }: CounterBump) => {
    addSums(c.counts, deltas as Sums);
    addPlaceSums(c.placeCounts, deltas as Record<string, number>);
    if (c.unitId !== markerUnit(unitPath)) return;
    for (const [name, d] of Object.entries(distinct))
      if (d) mark(c, { name: name as DistinctName, key: d.key, sub: d.sub ?? '' });
  };
  const bump = (unitPath: readonly string[], at: Date | string | null | undefined, event: CounterBump) => {
    if (at) for (const c of cell(unitPath, monthOf(at))) add(unitPath, c, event);
  };
  const count = (deltas: CounterDeltas): CounterBump => ({ deltas, distinct: {} });

  for (const r of records.requests) {
    bump(r.unitPath, r.createdAt, requestReceived(r.category));
    if (r.firstResolvedAt) bump(r.unitPath, r.firstResolvedAt, requestFirstResolved(r, r.firstResolvedAt));
    bump(r.unitPath, r.firstAcceptedAt, count({ 'request.firstAccepted': 1 }));
  }
  for (const e of records.requestEvents) {
    const names = EVENT_COUNTERS[e.event];
    if (names) bump(e.unitPath, e.at, count(Object.fromEntries(names.map((name) => [name, 1]))));
  }
  for (const p of records.pledges) {
    bump(p.unitPath, p.submittedAt, pledgeFirstSubmitted(p.ownerId));
    bump(p.unitPath, p.approvedAt, count({ 'pledge.approved': 1 }));
    bump(p.unitPath, p.completedAt, count({ 'pledge.completed': 1 }));
    bump(p.unitPath, p.appraisedAt, count({ 'pledge.appraised': 1 }));
    for (const f of p.fulfilments ?? [])
      bump(p.unitPath, f.day ? dayMoment(f.day) : f.createdAt, fulfilmentAdded(f.linkedRequestId));
  }
  for (const a of records.activities) {
    if (!HELD_STATUSES.includes(a.status)) continue;
    for (const c of cell(a.unitPath, a.month))
      add(a.unitPath, c, activityHeld(a.branchId, a, a.attendance?.present ?? 0));
    for (const { unitPath, bump } of practiceServed(a.unitPath, a.practice))
      for (const c of cell(unitPath, a.month)) add(unitPath, c, bump);
  }
  for (const v of records.visits)
    bump(
      v.unitPath,
      v.date ? dayMoment(v.date) : v.createdAt,
      visitLogged(v.householdKey, v.problems?.length ?? 0, v.helpedOnSpot ?? false),
    );
  for (const c of out.values()) {
    for (const [name, value] of Object.entries(c.counts)) if (value === 0) delete c.counts[name as CounterName];
    for (const [name, value] of Object.entries(c.placeCounts)) if (value === 0) delete c.placeCounts[name];
  }
  return out;
}

/** The counters the records cannot rebuild (the deadline in force at each acceptance is not kept). */
const UNREBUILDABLE: readonly CounterName[] = ['request.acceptedOnTime', 'request.firstAcceptedOnTime'];

/**
 * Counter names whose rebuilt value differs from the counted one: name → [counted, rebuilt]; the per-place
 * counters too, when given (flat names of both sides).
 */
export function counterDrift(
  counted: Sums,
  rebuilt: Sums,
  places?: { counted: PlaceSums; rebuilt: PlaceSums },
): Record<string, [number, number]> {
  const drift: Record<string, [number, number]> = {};
  if (places) {
    for (const name of new Set([...Object.keys(places.counted), ...Object.keys(places.rebuilt)])) {
      const a = places.counted[name] ?? 0;
      const b = places.rebuilt[name] ?? 0;
      if (a !== b) drift[name] = [a, b];
    }
  }
  for (const name of COUNTERS) {
    if (UNREBUILDABLE.includes(name)) continue;
    const a = counted[name] ?? 0;
    const b = rebuilt[name] ?? 0;
    if (a !== b) drift[name] = [a, b];
  }
  return drift;
}
