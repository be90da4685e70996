import { dayOf, monthOf } from '@honglin/types/time';
import { COUNTER_SHARDS, SIGHTINGS_COLLECTION, sightingsOf } from '../../cloudfunctions/common/counters';
import { counterId, nestCounts } from '../../cloudfunctions/common/domain/metrics/counterKeys';
import { contributions, latestMonth } from '../../cloudfunctions/common/domain/metrics/distinct';
import { rebuildCounters } from '../../cloudfunctions/common/domain/metrics/rebuild';
import type { RecordSet } from '../../cloudfunctions/common/domain/metrics/records';
import { addSums } from '../../cloudfunctions/common/domain/metrics/sums';
import { cellId } from '../../cloudfunctions/common/domain/metrics/unitMonths';

/**
 * A county-scale dataset for `npm run bench`, written straight into the local cloud's database in batches:
 * 10 towns of 10 villages (each with a branch and a ladder down to two neighbourhoods), and at scale 1:
 * 10,000 members, 100,000 pledges with fulfilments, 50,000 requests with their timeline events, 5,000
 * activities with attendance, 20,000 visits, over the twelve months up to now. The counters are then written
 * as the events would have bumped them (rebuilt from the same records), so every figure has its data.
 *
 * Besides, the first town has one reference village whose records have the same size at every scale: what an
 * average village holds at scale 1 (REFERENCE). The county's villages grow with the scale (at 1% a village has
 * about 5 requests a year), so a row that asks how one village's action grows with the county measures this one.
 */
export const TOWNS = 10;
export const VILLAGES_PER_TOWN = 10;
export const FULL = { members: 10_000, pledges: 100_000, requests: 50_000, activities: 5_000, visits: 20_000 };
/** The reference village's records at every scale: an average village of FULL. */
export const REFERENCE = {
  members: FULL.members / (TOWNS * VILLAGES_PER_TOWN),
  pledges: FULL.pledges / (TOWNS * VILLAGES_PER_TOWN),
  requests: FULL.requests / (TOWNS * VILLAGES_PER_TOWN),
  activities: FULL.activities / (TOWNS * VILLAGES_PER_TOWN),
  visits: FULL.visits / (TOWNS * VILLAGES_PER_TOWN),
};

export interface SeedDb {
  collection(name: string): { add(options: { data: unknown }): Promise<unknown> };
}

export interface County {
  towns: string[];
  /** The county's villages, whose records grow with the scale. */
  villages: string[];
  /** The reference village: its records have the same size at every scale (REFERENCE). */
  reference: string;
  townAdmin: (town: string) => string;
  villageAdmin: (village: string) => string;
  /** The county's records, without the reference village's. */
  counts: Record<string, number>;
  referenceCounts: Record<string, number>;
}

const CATEGORIES = ['consultation', 'help', 'suggestion', 'complaint', 'enterprise', 'dispute'] as const;
const KINDS = ['lesson', 'film', 'practice'] as const;

/** A small deterministic generator: the same data at every run. */
function generator(seed: number) {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    random,
    int: (n: number) => Math.floor(random() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)],
  };
}

/** Inserts in batches of 1000; a batch sent on a keep-alive socket the server closed while we generated is sent again. */
type Doc = Record<string, unknown>;

async function insert(db: SeedDb, collection: string, docs: Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db.collection(collection).add({ data: docs.slice(i, i + 1000) });
        break;
      } catch (error) {
        if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
      }
    }
  }
}

interface Village {
  id: string;
  path: string[];
  branch: string;
  ladders: string[][];
  names: string[];
}
interface Member {
  id: string;
  name: string;
  village: Village;
}

/** The units of one village (the village, a block, a group, two neighbourhoods) and its ladders. */
function villageOf(town: string, id: string, name: string, order: number, units: Doc[], townName: string): Village {
  const path = [town, id];
  const block = [...path, `${id}k`];
  const group = [...block, `${id}g`];
  const ladders = [0, 1].map((n) => [...group, `${id}n${n}`]);
  units.push({ _id: id, kind: 'village', name, parentId: town, path, order });
  units.push({ _id: block[2], kind: 'block', name: '第一片', parentId: id, path: block, order: 0 });
  units.push({ _id: group[3], kind: 'group', name: '第一组', parentId: block[2], path: group, order: 0 });
  for (const [n, ladder] of ladders.entries())
    units.push({
      _id: ladder[4],
      kind: 'neighbourhood',
      name: `${n + 1}邻`,
      parentId: group[3],
      path: ladder,
      order: n,
    });
  return { id, path, branch: `${id}b`, ladders, names: [townName, name, '第一片', '第一组', '一邻'] };
}

/**
 * The records of some villages, drawn from one generator: pledges of their members (with dated fulfilments),
 * requests with their timeline events, activities with attendance, visits. `prefix` keeps ids apart.
 */
function recordsOf(
  g: ReturnType<typeof generator>,
  now: Date,
  villages: readonly Village[],
  members: readonly Member[],
  sizes: typeof FULL,
  prefix: string,
) {
  const yearAgo = now.getTime() - 365 * 86400_000;
  const when = () => new Date(yearAgo + g.random() * (now.getTime() - yearAgo));
  const later = (d: Date) => new Date(Math.min(now.getTime(), d.getTime() + g.random() * 20 * 86400_000));
  const records: RecordSet = { requests: [], requestEvents: [], pledges: [], activities: [], visits: [] };

  const pledges: Doc[] = [];
  for (let i = 0; i < sizes.pledges; i += 1) {
    const owner = g.pick(members);
    const createdAt = when();
    const submittedAt = g.random() < 0.95 ? createdAt : null;
    const approvedAt = submittedAt && g.random() < 0.85 ? later(submittedAt) : null;
    const fulfilments = approvedAt
      ? Array.from({ length: g.int(4) }, (_, k) => {
          const at = later(approvedAt);
          // Recorded on the day the help was given, as a member does on the day.
          return {
            id: `${prefix}f${i}-${k}`,
            day: dayOf(at),
            text: '帮群众办了一件实事',
            photos: [],
            peopleHelped: 1,
            createdAt: at,
          };
        })
      : [];
    const completedAt = approvedAt && fulfilments.length > 0 && g.random() < 0.7 ? later(approvedAt) : null;
    const appraisedAt = completedAt && g.random() < 0.7 ? later(completedAt) : null;
    const state = appraisedAt
      ? 'appraised'
      : completedAt
        ? 'completed'
        : approvedAt
          ? 'approved'
          : submittedAt
            ? 'submitted'
            : 'draft';
    const doc = {
      ownerId: owner.id,
      ownerName: owner.name,
      branchId: owner.village.branch,
      unitPath: owner.village.path,
      villageId: owner.village.id,
      category: g.pick(['residents', 'post', 'business', 'volunteer', 'other']),
      content: '为独居老人每周送一次菜',
      target: '坚持到年底',
      dueDay: new Date(createdAt.getTime() + g.int(200) * 86400_000).toISOString().slice(0, 10),
      state,
      month: monthOf(createdAt),
      fulfilments,
      fulfilmentCount: fulfilments.length,
      peopleHelped: fulfilments.length,
      ratings: { satisfied: 0, unsatisfied: 0 },
      createdAt,
      updatedAt: appraisedAt ?? completedAt ?? approvedAt ?? createdAt,
      submittedAt,
      approvedAt,
      completedAt,
      appraisedAt,
    };
    pledges.push(doc);
    records.pledges.push(doc);
  }

  const requests: Doc[] = [];
  const timeline: Doc[] = [];
  for (let i = 0; i < sizes.requests; i += 1) {
    const village = g.pick(villages);
    const ladder = g.pick(village.ladders);
    const category = g.pick(CATEGORIES);
    const createdAt = when();
    const level = g.pick([4, 4, 4, 3, 1]);
    const acceptedAt = g.random() < 0.9 ? later(createdAt) : null;
    const firstResolvedAt = acceptedAt && g.random() < 0.8 ? later(acceptedAt) : null;
    const closedAt = firstResolvedAt && g.random() < 0.75 ? later(firstResolvedAt) : null;
    const kind = (['town', 'village', 'block', 'group', 'neighbourhood'] as const)[level];
    const id = `${prefix}r${i}`;
    const doc = {
      _id: id,
      category,
      urgent: false,
      text: '村口路灯坏了，晚上走路看不见',
      photos: [],
      ...(category === 'enterprise' ? { enterprise: { name: `${village.id}企业${g.int(5)}` } } : {}),
      ...(category === 'dispute' ? { parties: ['甲', '乙'] } : {}),
      unitId: ladder[4],
      unitName: '一邻',
      ladder: ladder.map((unitId, k) => ({
        unitId,
        kind: ['town', 'village', 'block', 'group', 'neighbourhood'][k],
        name: village.names[k],
      })),
      unitPath: ladder,
      level,
      responsibleUnitId: ladder[level],
      responsibleKind: kind,
      responsiblePath: ladder.slice(0, level + 1),
      cameFrom: [],
      state: closedAt ? 'closed' : firstResolvedAt ? 'resolved' : acceptedAt ? 'accepted' : 'submitted',
      handlerId: null,
      handlerName: null,
      assigneeId: null,
      assigneeName: null,
      submitter: `resident-${village.id}`,
      residentName: '王大妈',
      showName: false,
      reporterId: null,
      reporterName: null,
      residentPhone: '13812345678',
      participants: [`resident-${village.id}`],
      followers: [],
      acceptBy: new Date(createdAt.getTime() + 86400_000),
      resolveBy: new Date(createdAt.getTime() + 5 * 86400_000),
      acceptedAt,
      resolvedAt: firstResolvedAt,
      firstResolvedAt,
      closedAt,
      result: firstResolvedAt ? '已解决' : null,
      resultPhotos: [],
      rating: closedAt ? { value: 'satisfied', at: closedAt } : null,
      visitId: null,
      createdAt,
      updatedAt: closedAt ?? firstResolvedAt ?? acceptedAt ?? createdAt,
    };
    requests.push(doc);
    records.requests.push(doc);
    const event = (name: string, at: Date | null) => {
      if (!at) return;
      const entry = {
        subject: 'request',
        subjectId: id,
        event: name,
        from: null,
        to: null,
        actor: 'bench',
        at,
        unitPath: ladder,
      };
      timeline.push(entry);
      records.requestEvents.push(entry);
    };
    event('submitted', createdAt);
    event('accepted', acceptedAt);
    event('resolved', firstResolvedAt);
    event('closed', closedAt);
  }

  const activities: Doc[] = [];
  const attendance: Doc[] = [];
  for (let i = 0; i < sizes.activities; i += 1) {
    const village = villages[i % villages.length];
    const startAt = when();
    const kind = KINDS[Math.floor(i / villages.length) % 3];
    const status = g.random() < 0.9 ? g.pick(['held', 'recorded']) : 'planned';
    const present = status === 'planned' ? 0 : 5 + g.int(30);
    const id = `${prefix}a${i}`;
    const doc = {
      _id: id,
      branchId: village.branch,
      branchName: `${village.id}党支部`,
      unitPath: village.path,
      month: monthOf(startAt),
      kind,
      title: '田间微党课',
      startAt,
      place: { name: '村委会' },
      filmIds: [],
      films: [],
      experts: [],
      audience: { kind: 'branch' },
      organiser: 'bench',
      status,
      photos: [],
      attendance: { present, absent: 0, delivered: 0 },
      createdAt: startAt,
      updatedAt: startAt,
    };
    activities.push(doc);
    records.activities.push(doc);
    for (let k = 0; k < present; k += 1) {
      attendance.push({
        _id: `${id}_${k}`,
        activityId: id,
        branchId: village.branch,
        unitPath: village.path,
        name: `党员${k}`,
        mode: 'scan',
        kind,
        title: '田间微党课',
        startAt,
        placeName: '村委会',
        at: startAt,
        by: 'bench',
      });
    }
  }

  const visits: Doc[] = [];
  for (let i = 0; i < sizes.visits; i += 1) {
    const village = g.pick(villages);
    const ladder = g.pick(village.ladders);
    const createdAt = when();
    const doc = {
      headId: 'bench',
      headName: '邻长',
      unitId: ladder[4],
      unitPath: ladder,
      neighbourhoodName: '一邻',
      householdKey: `name:${ladder[4]}:${g.int(15)}`,
      householdName: '户主',
      householdUserId: null,
      date: createdAt.toISOString().slice(0, 10),
      month: monthOf(createdAt),
      discussed: '聊了聊收成',
      problems: [],
      createdAt,
    };
    visits.push(doc);
    records.visits.push(doc);
  }
  return { records, pledges, requests, timeline, activities, attendance, visits };
}

type Records = ReturnType<typeof recordsOf>;

const countsOf = (members: readonly Member[], r: Records): Record<string, number> => ({
  members: members.length,
  pledges: r.pledges.length,
  fulfilments: r.pledges.reduce((n, p) => n + (p.fulfilments as unknown[]).length, 0),
  requests: r.requests.length,
  timeline: r.timeline.length,
  activities: r.activities.length,
  attendance: r.attendance.length,
  visits: r.visits.length,
});

export async function seedCounty(db: SeedDb, scale: number, now: Date): Promise<County> {
  const size = (n: number) => Math.max(1, Math.round(n * scale));

  const units: Doc[] = [];
  const towns: string[] = [];
  const villages: Village[] = [];
  for (let t = 0; t < TOWNS; t += 1) {
    const town = `t${t}`;
    towns.push(town);
    units.push({ _id: town, kind: 'town', name: `第${t + 1}镇`, parentId: null, path: [town], order: t });
    for (let v = 0; v < VILLAGES_PER_TOWN; v += 1)
      villages.push(villageOf(town, `${town}v${v}`, `${t + 1}镇${v + 1}村`, v, units, `第${t + 1}镇`));
  }
  const reference = villageOf(towns[0], `${towns[0]}ref`, '1镇参照村', VILLAGES_PER_TOWN, units, '第1镇');
  const everyVillage = [...villages, reference];
  await insert(db, 'units', units);
  await insert(
    db,
    'branches',
    everyVillage.map((v) => ({
      _id: v.branch,
      name: `${v.id}党支部`,
      unitId: v.id,
      unitPath: v.path,
      createdAt: now,
      createdBy: 'bench',
    })),
  );

  const members: Member[] = Array.from({ length: size(FULL.members) }, (_, i) => ({
    id: `m${i}`,
    name: `党员${i}`,
    village: villages[i % villages.length],
  }));
  const referenceMembers: Member[] = Array.from({ length: REFERENCE.members }, (_, i) => ({
    id: `ref-m${i}`,
    name: `参照村党员${i}`,
    village: reference,
  }));
  const grant = (role: string, unitPath: string[], branchId?: string) => ({
    role,
    unitId: unitPath[unitPath.length - 1],
    unitPath,
    ...(branchId ? { branchId } : {}),
    grantedAt: now,
    grantedBy: 'bench',
  });
  const users: Doc[] = [...members, ...referenceMembers].map((m) => ({
    _id: m.id,
    nickname: m.name,
    roles: [grant('member', m.village.path, m.village.branch)],
    homeUnitId: m.village.ladders[0][4],
    homeUnitPath: m.village.ladders[0],
    createdAt: now,
  }));
  for (const town of towns)
    users.push({ _id: `admin-${town}`, nickname: '镇管理员', roles: [grant('town_admin', [town])], createdAt: now });
  for (const v of everyVillage) {
    users.push({ _id: `admin-${v.id}`, nickname: '村管理员', roles: [grant('village_admin', v.path)], createdAt: now });
    users.push({
      _id: `resident-${v.id}`,
      nickname: '村民',
      roles: [],
      homeUnitId: v.ladders[0][4],
      homeUnitPath: v.ladders[0],
      privacyAcceptedAt: now,
      createdAt: now,
    });
  }
  await insert(db, 'users', users);

  const county = recordsOf(
    generator(42),
    now,
    villages,
    members,
    {
      members: size(FULL.members),
      pledges: size(FULL.pledges),
      requests: size(FULL.requests),
      activities: size(FULL.activities),
      visits: size(FULL.visits),
    },
    '',
  );
  // Its own generator, so the reference village is the same at every scale and the county the same as without it.
  const own = recordsOf(generator(7), now, [reference], referenceMembers, REFERENCE, 'ref-');
  for (const collection of ['pledges', 'requests', 'timeline', 'activities', 'attendance', 'visits'] as const)
    await insert(db, collection, [...county[collection], ...own[collection]]);

  const records: RecordSet = {
    requests: [...county.records.requests, ...own.records.requests],
    requestEvents: [...county.records.requestEvents, ...own.records.requestEvents],
    pledges: [...county.records.pledges, ...own.records.pledges],
    activities: [...county.records.activities, ...own.records.activities],
    visits: [...county.records.visits, ...own.records.visits],
  };
  const { counters, sightings } = countersOf(records, [...towns, ...everyVillage.map((v) => v.id)], now);
  await insert(db, 'counters', counters);
  await insert(db, SIGHTINGS_COLLECTION, sightings);
  return {
    towns,
    villages: villages.map((v) => v.id),
    reference: reference.id,
    townAdmin: (town) => `admin-${town}`,
    villageAdmin: (village) => `admin-${village}`,
    counts: countsOf(members, county),
    referenceCounts: countsOf(referenceMembers, own),
  };
}

/**
 * The counters a running town would have: for every unit and month the 4 shards the nightly timer prepares, with
 * the events' counts spread over them, and every marker folded by the fold timer into its key's sightings and the
 * gap counters they make.
 */
function countersOf(records: RecordSet, unitIds: readonly string[], now: Date): { counters: Doc[]; sightings: Doc[] } {
  const months = new Set<string>();
  for (let t = now.getTime() - 400 * 86400_000; t <= now.getTime(); t += 86400_000) months.add(monthOf(new Date(t)));
  const cells = rebuildCounters(records, [...months]);
  const keys = sightingsOf(cells.values());
  const counts = new Map([...cells].map(([id, cell]) => [id, { ...cell.counts }]));
  for (const k of keys.values()) {
    for (const [id, sums] of contributions(k.name, k.town, k.sightings)) addSums(counts.get(id) ?? {}, sums);
  }
  const counters: Doc[] = [];
  for (const unitId of unitIds) {
    for (const month of months) {
      const total = counts.get(cellId(unitId, month));
      for (let shard = 0; shard < COUNTER_SHARDS; shard += 1) {
        const part = Object.fromEntries(
          Object.entries(total ?? {}).map(([name, n = 0]) => [
            name,
            Math.floor(n / COUNTER_SHARDS) + (shard < n % COUNTER_SHARDS ? 1 : 0),
          ]),
        );
        counters.push({
          _id: counterId(unitId, month, shard),
          unitId,
          month,
          shard,
          counts: nestCounts(part),
          updatedAt: total ? now : null,
        });
      }
    }
  }
  const sightings = [...keys.values()].map(({ id, town, name, key, sightings: seen }) => ({
    _id: id,
    town,
    name,
    key,
    sightings: seen,
    lastMonth: latestMonth(seen),
  }));
  return { counters, sightings };
}
