/**
 * The test's own count of every figure from the raw records, written plainly and independently of
 * cloudfunctions/common/domain/metrics.ts: a month is the calendar month in UTC+8 (Asia/Shanghai has no DST).
 */
export const shanghaiMonth = (d: Date | string): string =>
  new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 7);

export interface Raw {
  requests: Array<{
    unitPath: string[];
    category: string;
    enterprise?: { name: string; placeId?: string } | null;
    responsibleKind: string;
    createdAt: Date;
    firstResolvedAt: Date | null;
  }>;
  timeline: Array<{ subject: string; unitPath: string[]; event: string; at: Date }>;
  pledges: Array<{
    unitPath: string[];
    ownerId: string;
    state: string;
    dueDay: string;
    submittedAt?: Date | null;
    approvedAt?: Date | null;
    completedAt?: Date | null;
    appraisedAt?: Date | null;
    fulfilments: Array<{ createdAt: Date }>;
  }>;
  activities: Array<{
    unitPath: string[];
    branchId: string;
    kind: string;
    month: string;
    status: string;
    attendance: { present: number };
  }>;
  visits: Array<{ unitPath: string[]; householdKey: string; createdAt: Date }>;
}

export interface Recount {
  lessons: number;
  films: number;
  practices: number;
  participants: number;
  branchesAllThree: number;
  members: number;
  pledges: number;
  approved: number;
  fulfilments: number;
  completed: number;
  appraised: number;
  overdueNow: number;
  received: number;
  accepted: number;
  resolved: number;
  averageResolveHours: number | null;
  rated: number;
  satisfied: number;
  escalated: number;
  enterprisesServed: number;
  enterpriseProblemsSolved: number;
  disputesMediated: number;
  byCategory: Record<string, { received: number; resolved: number }>;
  visits: number;
  households: number;
}

/** Every figure of `unitId` over `months` (oldest first), from the records alone. */
export function recount(raw: Raw, unitId: string, months: string[], today: string): Recount {
  const inUnit = <T extends { unitPath: string[] }>(list: T[]) => list.filter((x) => x.unitPath.includes(unitId));
  const inPeriod = (d: Date | string | null | undefined) => !!d && months.includes(shanghaiMonth(d));
  const requests = inUnit(raw.requests);
  const resolved = requests.filter((r) => inPeriod(r.firstResolvedAt));
  const events = inUnit(raw.timeline).filter((e) => e.subject === 'request' && inPeriod(e.at));
  const pledges = inUnit(raw.pledges);
  const submitted = pledges.filter((p) => inPeriod(p.submittedAt));
  const held = inUnit(raw.activities).filter(
    (a) => months.includes(a.month) && (a.status === 'held' || a.status === 'recorded'),
  );
  const last = months[months.length - 1];
  const kindsByBranch = new Map<string, Set<string>>();
  for (const a of held.filter((x) => x.month === last))
    kindsByBranch.set(a.branchId, (kindsByBranch.get(a.branchId) ?? new Set()).add(a.kind));
  const visits = inUnit(raw.visits).filter((v) => inPeriod(v.createdAt));
  const minutes = resolved.reduce(
    (sum, r) =>
      sum + Math.max(0, Math.round((new Date(r.firstResolvedAt!).getTime() - new Date(r.createdAt).getTime()) / 60000)),
    0,
  );
  const enterprises = resolved.filter((r) => r.category === 'enterprise' && r.enterprise);
  const byCategory: Recount['byCategory'] = {};
  for (const c of ['consultation', 'help', 'suggestion', 'complaint', 'enterprise', 'dispute']) {
    byCategory[c] = {
      received: requests.filter((r) => r.category === c && inPeriod(r.createdAt)).length,
      resolved: resolved.filter((r) => r.category === c).length,
    };
  }
  return {
    lessons: held.filter((a) => a.kind === 'lesson').length,
    films: held.filter((a) => a.kind === 'film').length,
    practices: held.filter((a) => a.kind === 'practice').length,
    participants: held.reduce((n, a) => n + a.attendance.present, 0),
    branchesAllThree: [...kindsByBranch.values()].filter((k) => k.size === 3).length,
    members: new Set(submitted.map((p) => p.ownerId)).size,
    pledges: submitted.length,
    approved: pledges.filter((p) => inPeriod(p.approvedAt)).length,
    fulfilments: pledges.reduce((n, p) => n + p.fulfilments.filter((f) => inPeriod(f.createdAt)).length, 0),
    completed: pledges.filter((p) => inPeriod(p.completedAt)).length,
    appraised: pledges.filter((p) => inPeriod(p.appraisedAt)).length,
    overdueNow: pledges.filter(
      (p) => ['draft', 'submitted', 'returned', 'approved'].includes(p.state) && p.dueDay < today,
    ).length,
    received: requests.filter((r) => inPeriod(r.createdAt)).length,
    accepted: events.filter((e) => e.event === 'accepted').length,
    resolved: resolved.length,
    averageResolveHours: resolved.length ? Math.round((minutes / resolved.length / 60) * 10) / 10 : null,
    rated: events.filter((e) => e.event === 'closed' || e.event === 'reopened').length,
    satisfied: events.filter((e) => e.event === 'closed').length,
    escalated: events.filter((e) => e.event === 'escalated' || e.event === 'autoEscalated').length,
    enterprisesServed: new Set(enterprises.map((r) => r.enterprise!.placeId ?? r.enterprise!.name)).size,
    enterpriseProblemsSolved: resolved.filter((r) => r.category === 'enterprise').length,
    disputesMediated: resolved.filter((r) => r.category === 'dispute').length,
    byCategory,
    visits: visits.length,
    households: new Set(visits.map((v) => v.householdKey)).size,
  };
}

/** The dashboard's figures in the recount's shape, to compare in one expect. */
export function asRecount(f: {
  partyDay: Record<string, number>;
  pledges: Record<string, number>;
  requests: Record<string, unknown> & { byCategory: Array<{ category: string; received: number; resolved: number }> };
  visits: Record<string, number>;
}): Recount {
  const r = f.requests as Record<string, number> & typeof f.requests;
  return {
    lessons: f.partyDay.lessons,
    films: f.partyDay.films,
    practices: f.partyDay.practices,
    participants: f.partyDay.participants,
    branchesAllThree: f.partyDay.branchesAllThree,
    members: f.pledges.members,
    pledges: f.pledges.pledges,
    approved: f.pledges.approved,
    fulfilments: f.pledges.fulfilments,
    completed: f.pledges.completed,
    appraised: f.pledges.appraised,
    overdueNow: f.pledges.overdueNow,
    received: r.received,
    accepted: r.accepted,
    resolved: r.resolved,
    averageResolveHours: r.averageResolveHours as number | null,
    rated: r.rated,
    satisfied: r.satisfied,
    escalated: r.escalated,
    enterprisesServed: r.enterprisesServed,
    enterpriseProblemsSolved: r.enterpriseProblemsSolved,
    disputesMediated: r.disputesMediated,
    byCategory: Object.fromEntries(
      r.byCategory.map((c) => [c.category, { received: c.received, resolved: c.resolved }]),
    ),
    visits: f.visits.visits,
    households: f.visits.households,
  };
}
