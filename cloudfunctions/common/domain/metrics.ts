import { COUNTERS, type CounterName, type DistinctDeltas, type DistinctName } from '@honglin/types/metrics';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@honglin/types/request';
import { UNIT_KINDS, type UnitKind } from '@honglin/types/org';
import type { ActivityKind } from '@honglin/types/activity';
import type { Figures, Period, TrendPoint } from '@honglin/types/stats';
import { MAX_PERIOD_MONTHS } from '@honglin/types/stats';
import { dayjs, monthOf, TOWN_TIMEZONE } from '@honglin/types/time';
import { minutesBetween } from './timeLimits';

/**
 * The statistics' figures, each defined once (docs/METRICS.md says the same in words). Pure: from counter
 * sums to figures, and from raw records to the counters they should have produced. Every date is read in
 * Asia/Shanghai: an event belongs to the month in which it happened there.
 */

export type Sums = Partial<Record<CounterName, number>>;
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

export interface FigureInputs {
  /** Counter sums over the period's months. */
  sums: Sums;
  /** Distinct keys over the whole period. */
  distinct: DistinctCounts;
  /** Branches with all three kinds held in the period's last month. */
  branchesAllThree: number;
  overduePledgesNow: number;
}

/** Every dashboard figure, from the period's counter sums and distinct counts. */
export function figuresOf({ sums, distinct, branchesAllThree, overduePledgesNow }: FigureInputs): Figures {
  const resolved = n(sums, 'request.resolved');
  const accepted = n(sums, 'request.accepted');
  const rated = n(sums, 'request.rated');
  const minutes = n(sums, 'request.resolveMinutes');
  return {
    partyDay: {
      lessons: n(sums, 'activity.lessonHeld'),
      films: n(sums, 'activity.filmHeld'),
      practices: n(sums, 'activity.practiceHeld'),
      participants: n(sums, 'activity.participants'),
      branchesAllThree,
    },
    pledges: {
      members: distinct['pledge.members'] ?? 0,
      pledges: n(sums, 'pledge.submitted'),
      approved: n(sums, 'pledge.approved'),
      fulfilments: n(sums, 'pledge.fulfilments'),
      completed: n(sums, 'pledge.completed'),
      appraised: n(sums, 'pledge.appraised'),
      overdueNow: overduePledgesNow,
    },
    requests: {
      received: n(sums, 'request.received'),
      accepted,
      acceptedOnTime: n(sums, 'request.acceptedOnTime'),
      acceptedOnTimeRate: rate(n(sums, 'request.acceptedOnTime'), accepted),
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
    visits: { visits: n(sums, 'visit.logged'), households: distinct['visit.households'] ?? 0 },
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

/**
 * The plain-language report in the town's own style (the article's year-end figures), from the same figures
 * as the dashboard. Parts with nothing to report are left out rather than written as zero.
 */
export function summaryText(unit: { name: string; kind: UnitKind }, label: string, figures: Figures | null): string {
  const whole = unit.kind === 'town' ? '全镇' : unit.kind === 'village' ? '全村' : unit.name;
  const opening = `${label}，${unit.name}`;
  if (!figures) return `${opening}暂无统计数据。`;
  const { partyDay: d, pledges: p, requests: r, visits: v } = figures;
  const parts: string[] = [];
  const sessions = d.lessons + d.films + d.practices;
  if (sessions > 0) {
    const held = [
      d.lessons ? `田间微党课${d.lessons}场` : '',
      d.films ? `微视频观影${d.films}场` : '',
      d.practices ? `微实践活动${d.practices}场` : '',
    ].filter(Boolean);
    parts.push(`${whole}已开展${held.join('、')}，参与${d.participants}人次`);
  }
  if (p.pledges > 0) {
    const done = p.completed ? `，已践诺完成${p.completed}项` : '';
    parts.push(`${p.members}名党员作出承诺${p.pledges}项，记录践诺${p.fulfilments}次${done}`);
  }
  if (r.received > 0 || r.resolved > 0) {
    const satisfaction = pct(r.satisfactionRate);
    parts.push(`受理群众诉求${r.received}件，办结${r.resolved}件${satisfaction ? `，群众满意率${satisfaction}` : ''}`);
  }
  if (r.enterpriseProblemsSolved > 0) {
    parts.push(`为${r.enterprisesServed}家企业解决实际困难${r.enterpriseProblemsSolved}个`);
  }
  if (r.disputesMediated > 0) parts.push(`化解矛盾纠纷${r.disputesMediated}个`);
  if (v.visits > 0) parts.push(`片组邻三长走访群众${v.visits}次，覆盖${v.households}户`);
  if (parts.length === 0) return `${opening}暂无可统计的工作记录。`;
  return `${opening}${parts.join('；')}。`;
}

/** Category names as the summary and export write them. */
export const CATEGORY_LABEL: Record<RequestCategory, string> = REQUEST_CATEGORY_LABELS;

// ---------------------------------------------------------------- counters rebuilt from the records

/** The fields of each record that the counters count (what reconciliation reads). */
export interface RequestRecord {
  unitPath: string[];
  category: RequestCategory;
  enterprise?: { name: string; placeId?: string } | null;
  responsibleKind: UnitKind;
  createdAt: Date | string;
  firstResolvedAt?: Date | string | null;
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
  fulfilments?: Array<{ createdAt: Date | string }>;
}
export interface ActivityRecord {
  unitPath: string[];
  branchId: string;
  kind: ActivityKind;
  month: string;
  status: string;
  attendance?: { present?: number };
}
export interface VisitRecord {
  unitPath: string[];
  householdKey: string;
  createdAt: Date | string;
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
  deltas: Sums;
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

/** A pledge submitted for review for the first time: at its submittedAt. */
export function pledgeFirstSubmitted(ownerId: string): CounterBump {
  return { deltas: { 'pledge.submitted': 1 }, distinct: { 'pledge.members': { key: ownerId } } };
}

/** A session held (check-in closed): in the month it took place, with the people present. */
export function activityHeld(branchId: string, kind: ActivityKind, present: number): CounterBump {
  return {
    deltas: { [HELD[kind]]: 1, 'activity.participants': present },
    distinct: { 'activity.held': { key: branchId, sub: kind } },
  };
}

/** A visit logged: at its createdAt. */
export function visitLogged(householdKey: string): CounterBump {
  return { deltas: { 'visit.logged': 1 }, distinct: { 'visit.households': { key: householdKey } } };
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
      if (!c) out.set(id, (c = { unitId, town: unitPath[0], month, counts: {}, markers: [], seen: new Set() }));
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
    addSums(c.counts, deltas);
    if (c.unitId !== markerUnit(unitPath)) return;
    for (const [name, d] of Object.entries(distinct))
      if (d) mark(c, { name: name as DistinctName, key: d.key, sub: d.sub ?? '' });
  };
  const bump = (unitPath: readonly string[], at: Date | string | null | undefined, event: CounterBump) => {
    if (at) for (const c of cell(unitPath, monthOf(at))) add(unitPath, c, event);
  };
  const count = (deltas: Sums): CounterBump => ({ deltas, distinct: {} });

  for (const r of records.requests) {
    bump(r.unitPath, r.createdAt, requestReceived(r.category));
    if (r.firstResolvedAt) bump(r.unitPath, r.firstResolvedAt, requestFirstResolved(r, r.firstResolvedAt));
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
    for (const f of p.fulfilments ?? []) bump(p.unitPath, f.createdAt, count({ 'pledge.fulfilments': 1 }));
  }
  for (const a of records.activities) {
    if (!HELD_STATUSES.includes(a.status)) continue;
    for (const c of cell(a.unitPath, a.month))
      add(a.unitPath, c, activityHeld(a.branchId, a.kind, a.attendance?.present ?? 0));
  }
  for (const v of records.visits) bump(v.unitPath, v.createdAt, visitLogged(v.householdKey));
  for (const c of out.values()) {
    for (const [name, value] of Object.entries(c.counts)) if (value === 0) delete c.counts[name as CounterName];
  }
  return out;
}

/** Counter names whose rebuilt value differs from the counted one: name → [counted, rebuilt]. */
export function counterDrift(counted: Sums, rebuilt: Sums): Record<string, [number, number]> {
  const drift: Record<string, [number, number]> = {};
  for (const name of COUNTERS) {
    if (name === 'request.acceptedOnTime') continue;
    const a = counted[name] ?? 0;
    const b = rebuilt[name] ?? 0;
    if (a !== b) drift[name] = [a, b];
  }
  return drift;
}
