/**
 * The test's own count of every figure from the raw records, written plainly and independently of
 * cloudfunctions/common/domain/metrics/: a month is the calendar month in UTC+8 (Asia/Shanghai has no DST).
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
    firstAcceptedAt?: Date | null;
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
    fulfilments: Array<{ createdAt: Date; day?: string; linkedRequestId?: string }>;
  }>;
  activities: Array<{
    unitPath: string[];
    branchId: string;
    kind: string;
    month: string;
    status: string;
    attendance: { present: number };
    place?: { placeId?: string; name?: string; kind?: string };
    practice?: { served?: Array<{ key: string; unitPath: string[] }>; enterpriseKeys?: string[] };
  }>;
  visits: Array<{
    unitPath: string[];
    householdKey: string;
    createdAt: Date;
    date?: string;
    problems?: unknown[];
    helpedOnSpot?: boolean;
  }>;
}

export interface Recount {
  lessons: number;
  films: number;
  practices: number;
  participants: number;
  lessonParticipants: number;
  filmParticipants: number;
  practiceParticipants: number;
  fieldLessons: number;
  fieldLessonParticipants: number;
  redSiteFilms: number;
  redSiteFilmParticipants: number;
  /** placeId → [lessons, films, practices, participants] */
  byPlace: Record<string, number[]>;
  branchesAllThree: number;
  members: number;
  pledges: number;
  approved: number;
  fulfilments: number;
  completed: number;
  linkedFulfilments: number;
  appraised: number;
  overdueNow: number;
  received: number;
  firstAccepted: number;
  livelihoodReceived: number;
  livelihoodResolved: number;
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
  problemsRaised: number;
  helpedOnSpot: number;
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
  // Branches that held all three kinds in every month of the period.
  const kinds = new Map<string, Set<string>>();
  for (const a of held)
    kinds.set(`${a.branchId}|${a.month}`, (kinds.get(`${a.branchId}|${a.month}`) ?? new Set()).add(a.kind));
  const branches = new Set(held.map((a) => a.branchId));
  const allThree = [...branches].filter((b) => months.every((m) => (kinds.get(`${b}|${m}`)?.size ?? 0) === 3));
  // A visit and a fulfilment count in the month of their own day (records without one: when entered).
  const visits = inUnit(raw.visits).filter((v) =>
    v.date ? months.includes(v.date.slice(0, 7)) : inPeriod(v.createdAt),
  );
  const fulfilments = pledges.flatMap((p) =>
    p.fulfilments.filter((f) => (f.day ? months.includes(f.day.slice(0, 7)) : inPeriod(f.createdAt))),
  );
  const sum = (list: typeof held) => list.reduce((n, a) => n + a.attendance.present, 0);
  const ofKind = (kind: string) => held.filter((a) => a.kind === kind);
  const fieldLessons = ofKind('lesson').filter((a) => a.place?.kind === 'field');
  const redSiteFilms = ofKind('film').filter((a) => a.place?.kind === 'red_site');
  const byPlace: Recount['byPlace'] = {};
  for (const a of held) {
    if (!a.place?.placeId) continue;
    const row = (byPlace[a.place.placeId] ??= [0, 0, 0, 0]);
    row[['lesson', 'film', 'practice'].indexOf(a.kind)] += 1;
    row[3] += a.attendance.present;
  }
  const livelihood = ['consultation', 'help', 'suggestion', 'complaint'];
  const minutes = resolved.reduce(
    (sum, r) =>
      sum + Math.max(0, Math.round((new Date(r.firstResolvedAt!).getTime() - new Date(r.createdAt).getTime()) / 60000)),
    0,
  );
  const enterprises = resolved.filter((r) => r.category === 'enterprise' && r.enterprise);
  const served = new Set([
    ...enterprises.map((r) =>
      r.enterprise!.placeId ? `place:${r.enterprise!.placeId}` : `name:${r.enterprise!.name}`,
    ),
    // A practice's enterprise counts along its own path (older records: their keys, where the practice is).
    ...raw.activities
      .filter((a) => months.includes(a.month) && (a.status === 'held' || a.status === 'recorded'))
      .flatMap((a) =>
        a.practice?.served
          ? a.practice.served.filter((s) => s.unitPath.includes(unitId)).map((s) => s.key)
          : a.unitPath.includes(unitId)
            ? (a.practice?.enterpriseKeys ?? [])
            : [],
      ),
  ]);
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
    participants: sum(held),
    lessonParticipants: sum(ofKind('lesson')),
    filmParticipants: sum(ofKind('film')),
    practiceParticipants: sum(ofKind('practice')),
    fieldLessons: fieldLessons.length,
    fieldLessonParticipants: sum(fieldLessons),
    redSiteFilms: redSiteFilms.length,
    redSiteFilmParticipants: sum(redSiteFilms),
    byPlace,
    branchesAllThree: allThree.length,
    members: new Set(submitted.map((p) => p.ownerId)).size,
    pledges: submitted.length,
    approved: pledges.filter((p) => inPeriod(p.approvedAt)).length,
    fulfilments: fulfilments.length,
    completed: pledges.filter((p) => inPeriod(p.completedAt)).length,
    linkedFulfilments: fulfilments.filter((f) => f.linkedRequestId).length,
    appraised: pledges.filter((p) => inPeriod(p.appraisedAt)).length,
    overdueNow: pledges.filter(
      (p) => ['draft', 'submitted', 'returned', 'approved'].includes(p.state) && p.dueDay < today,
    ).length,
    received: requests.filter((r) => inPeriod(r.createdAt)).length,
    firstAccepted: requests.filter((r) => inPeriod(r.firstAcceptedAt)).length,
    livelihoodReceived: livelihood.reduce((n, c) => n + byCategory[c].received, 0),
    livelihoodResolved: livelihood.reduce((n, c) => n + byCategory[c].resolved, 0),
    accepted: events.filter((e) => e.event === 'accepted').length,
    resolved: resolved.length,
    averageResolveHours: resolved.length ? Math.round((minutes / resolved.length / 60) * 10) / 10 : null,
    rated: events.filter((e) => e.event === 'closed' || e.event === 'reopened').length,
    satisfied: events.filter((e) => e.event === 'closed').length,
    escalated: events.filter((e) => e.event === 'escalated' || e.event === 'autoEscalated').length,
    enterprisesServed: served.size,
    enterpriseProblemsSolved: resolved.filter((r) => r.category === 'enterprise').length,
    disputesMediated: resolved.filter((r) => r.category === 'dispute').length,
    byCategory,
    visits: visits.length,
    households: new Set(visits.map((v) => v.householdKey)).size,
    problemsRaised: visits.reduce((n, v) => n + (v.problems?.length ?? 0), 0),
    helpedOnSpot: visits.filter((v) => v.helpedOnSpot).length,
  };
}

/** The dashboard's figures in the recount's shape, to compare in one expect. */
export function asRecount(f: {
  partyDay: Record<string, unknown> & {
    byPlace: Array<{ placeId: string; lessons: number; films: number; practices: number; participants: number }>;
  };
  pledges: Record<string, number>;
  requests: Record<string, unknown> & { byCategory: Array<{ category: string; received: number; resolved: number }> };
  visits: Record<string, number>;
}): Recount {
  const r = f.requests as Record<string, number> & typeof f.requests;
  const d = f.partyDay as Record<string, number> & typeof f.partyDay;
  return {
    lessons: d.lessons,
    films: d.films,
    practices: d.practices,
    participants: d.participants,
    lessonParticipants: d.lessonParticipants,
    filmParticipants: d.filmParticipants,
    practiceParticipants: d.practiceParticipants,
    fieldLessons: d.fieldLessons,
    fieldLessonParticipants: d.fieldLessonParticipants,
    redSiteFilms: d.redSiteFilms,
    redSiteFilmParticipants: d.redSiteFilmParticipants,
    byPlace: Object.fromEntries(d.byPlace.map((p) => [p.placeId, [p.lessons, p.films, p.practices, p.participants]])),
    branchesAllThree: d.branchesAllThree,
    members: f.pledges.members,
    pledges: f.pledges.pledges,
    approved: f.pledges.approved,
    fulfilments: f.pledges.fulfilments,
    completed: f.pledges.completed,
    linkedFulfilments: f.pledges.linkedFulfilments,
    appraised: f.pledges.appraised,
    overdueNow: f.pledges.overdueNow,
    received: r.received,
    firstAccepted: r.firstAccepted,
    livelihoodReceived: r.livelihoodReceived,
    livelihoodResolved: r.livelihoodResolved,
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
    problemsRaised: f.visits.problemsRaised,
    helpedOnSpot: f.visits.helpedOnSpot,
  };
}
