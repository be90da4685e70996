import ExcelJS from 'exceljs';
import { BASE_COUNTERS } from '@honglin/types/metrics';
import { grant } from '../helpers/world';
import { B1, H, P, TOWN, V1, V2, code, ok, rid, type World } from '../request/world';
import { MEMBER2, allDocs, raw, residentsPledge, startStatsWorld, thisMonth, todayShanghai } from './world';
import { asRecount, recount, shanghaiMonth } from './recount';
import { EXPORT_COLUMNS } from '../../../cloudfunctions/stats/columns';

/**
 * The stats function through the local cloud with the real SDK: every figure against the test's own count from
 * the records (live events through the other functions, and generated records at the edges of Shanghai months),
 * counters under concurrent events, the repair of a corrupted counter, the export read back with exceljs, and
 * who may ask.
 */
let w: World;

beforeAll(async () => {
  w = await startStatsWorld('stats');
  await w.db
    .collection('branches')
    .add({ data: { _id: B1, name: '西草坪村党支部', unitId: V1, unitPath: [TOWN, V1] } });
});

afterAll(async () => {
  await w?.stop();
});

const month = (m: string) => ({ kind: 'month', month: m });

async function dashboard(unitId: string, period: object, by: string = P.townAdmin) {
  return ok(await w.call('stats', 'dashboard', { unitId, period }, by));
}

describe('figures from live events through the other functions', () => {
  beforeAll(async () => {
    const submit = async (extra: object) =>
      ok(
        await w.call(
          'request',
          'submit',
          { requestId: rid(), category: 'help', text: '村口路灯坏了，晚上走路看不见', ...extra },
          P.villager,
        ),
      ).id as string;
    const enterprise = await submit({
      category: 'enterprise',
      text: '竹木加工厂用电容量不够',
      enterprise: { name: '鹿原竹木加工厂' },
    });
    const dispute = await submit({ category: 'dispute', text: '两户因宅基地边界起了争执', parties: ['张三', '李四'] });
    const help = await submit({});
    await submit({ category: 'consultation', text: '想问问医保怎么在手机上交' });
    for (const id of [enterprise, dispute, help]) {
      ok(await w.call('request', 'accept', { id }, P.head1));
      ok(await w.call('request', 'resolve', { id, result: '已经协调解决' }, P.head1));
    }
    ok(await w.call('request', 'rate', { id: enterprise, rating: 'satisfied' }, P.villager));
    ok(await w.call('request', 'rate', { id: help, rating: 'unsatisfied', comment: '还是不亮' }, P.villager));

    const pledge = async (by: string) => ok(await w.call('pledge', 'create', residentsPledge(), by)).id as string;
    const p1 = await pledge(P.member);
    await pledge(P.member);
    await pledge(MEMBER2);
    ok(await w.call('pledge', 'review', { id: p1, decision: 'approve' }, P.secretary));
    ok(
      await w.call(
        'pledge',
        'addFulfilment',
        { id: p1, requestId: rid(), day: todayShanghai(), text: '帮王奶奶买了米和菜', peopleHelped: 1 },
        P.member,
      ),
    );
    ok(await w.call('pledge', 'complete', { id: p1 }, P.member));
    ok(await w.call('pledge', 'appraise', { id: p1, grade: 'excellent', comment: '说到做到' }, P.secretary));

    ok(
      await w.call(
        'visit',
        'log',
        {
          requestId: rid(),
          household: { householdId: H.zhang },
          date: todayShanghai(),
          discussed: '聊了今年的收成',
          problems: [],
        },
        P.head1,
      ),
    );
  });

  it('the live counters agree with the records: reconciliation only adds what the events do not bump yet', async () => {
    const report = ok(
      await w.call('stats', 'reconcile', { unitId: TOWN, from: thisMonth(), to: thisMonth() }, P.townAdmin),
    );
    expect(report.busy).toEqual([]);
    for (const fix of report.fixes) {
      const drifted = Object.keys(fix.counters).filter((name) => (BASE_COUNTERS as readonly string[]).includes(name));
      expect({ unit: fix.unitId, drifted }).toEqual({ unit: fix.unitId, drifted: [] });
    }
    const again = ok(
      await w.call('stats', 'reconcile', { unitId: TOWN, from: thisMonth(), to: thisMonth() }, P.townAdmin),
    );
    expect(again.fixes).toEqual([]);
  });

  it.each([
    ['the town', TOWN],
    ['the village', V1],
  ])('every figure of %s equals the count from the records', async (_name, unitId) => {
    const board = await dashboard(unitId, month(thisMonth()));
    const expected = recount(await raw(w), unitId, [thisMonth()], todayShanghai());
    expect(asRecount(board.figures)).toEqual(expected);
    expect(expected).toMatchObject({
      received: 4,
      resolved: 3,
      enterpriseProblemsSolved: 1,
      disputesMediated: 1,
      pledges: 3,
      members: 2,
    });
  });

  it('answers the dashboard in at most 4 database round-trips', async () => {
    for (const unitId of [TOWN, V1]) {
      const before = w.cloud.db.roundTrips;
      ok(
        await w.call(
          'stats',
          'dashboard',
          { unitId, period: { kind: 'year', year: Number(thisMonth().slice(0, 4)) } },
          P.townAdmin,
        ),
      );
      expect(w.cloud.db.roundTrips - before).toBeLessThanOrEqual(4);
    }
  });

  it('breaks the town down by village and the town organs, and tells no data from zero', async () => {
    const board = await dashboard(TOWN, month(thisMonth()));
    expect(board.units.map((u: { unitId: string; townOrgans?: boolean }) => [u.unitId, !!u.townOrgans])).toEqual([
      [TOWN, true],
      [V1, false],
      [V2, false],
    ]);
    expect(board.units[0].name).toBe('鹿原镇机关');
    expect(board.units[0].figures).toBeNull();
    expect(board.units[1].figures.requests.received).toBe(4);
    expect(board.units[2].figures).toBeNull();
    const empty = await dashboard(TOWN, month('2019-01'));
    expect(empty.figures).toBeNull();
    expect(empty.trend).toEqual([{ month: '2019-01', figures: null }]);
  });

  it('writes the summary in the town’s words with the period and the unit', async () => {
    const { text, periodLabel } = ok(
      await w.call('stats', 'summary', { unitId: TOWN, period: month(thisMonth()) }, P.townAdmin),
    );
    expect(periodLabel).toBe(`${Number(thisMonth().slice(0, 4))}年${Number(thisMonth().slice(5))}月`);
    expect(text).toContain(`${periodLabel}，鹿原镇`);
    expect(text).toContain('已有2名党员进行了承诺践诺，共计收集党员承诺3件');
    // Livelihood problems apart from the enterprise problem and the dispute.
    expect(text).toContain('收到群众咨询、求助、建议、投诉2件，帮助群众解决各类民生实事问题1个');
    expect(text).toContain('共为1家企业解决实际困难1个');
    expect(text).toContain('化解矛盾纠纷1个');
    const none = ok(await w.call('stats', 'summary', { unitId: V2, period: month('2019-01') }, P.townAdmin));
    expect(none.text).toBe('2019年1月，东村暂无统计数据。');
  });
});

describe('generated records at the edges of Shanghai months', () => {
  const T = 'gen-town';
  const VA = 'gen-va';
  const VB = 'gen-vb';
  const NA = 'gen-va-n1';
  const NB = 'gen-vb-n1';
  const GEN_ADMIN = 'o-gen-admin';
  // Midnight at the start of April 2025 in Shanghai is 16:00 UTC on 31 March.
  const APRIL = Date.UTC(2025, 2, 31, 16);
  const MARCH = Date.UTC(2025, 1, 28, 16);
  const MAY = Date.UTC(2025, 3, 30, 16);
  let seed = 20250401;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  /** An instant near a month edge (one millisecond either side, or exactly on it), or anywhere in Feb–May. */
  const instant = () =>
    new Date(
      random() < 0.5
        ? pick([MARCH, APRIL, MAY]) + pick([-1, 0, 1])
        : MARCH - 10 * 86400_000 + random() * 80 * 86400_000,
    );
  const after = (d: Date) => new Date(d.getTime() + random() * 5 * 86400_000);
  const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    const units: Array<[string, string, string, string[]]> = [
      [T, 'town', '生成镇', [T]],
      [VA, 'village', '甲村', [T, VA]],
      [VB, 'village', '乙村', [T, VB]],
      [NA, 'neighbourhood', '甲村一邻', [T, VA, NA]],
      [NB, 'neighbourhood', '乙村一邻', [T, VB, NB]],
    ];
    for (const [order, [id, kind, name, path]] of units.entries())
      await w.db
        .collection('units')
        .add({ data: { _id: id, kind, name, parentId: path.length > 1 ? path[path.length - 2] : null, path, order } });
    await w.db.collection('users').add({
      data: {
        _id: GEN_ADMIN,
        nickname: '生成镇管理员',
        roles: [
          { role: 'town_admin', unitId: T, unitPath: [T], grantedAt: '2025-01-01T00:00:00.000Z', grantedBy: 'seed' },
        ],
        createdAt: new Date(),
      },
    });
    const categories = ['consultation', 'help', 'suggestion', 'complaint', 'enterprise', 'dispute'];
    const levels = ['neighbourhood', 'village', 'town'];
    for (let i = 0; i < 120; i += 1) {
      const path = pick([
        [T, VA, NA],
        [T, VB, NB],
      ]);
      const category = pick(categories);
      const createdAt = instant();
      const firstResolvedAt = random() < 0.6 ? after(createdAt) : null;
      const firstAcceptedAt = random() < 0.7 ? after(createdAt) : null;
      await w.db.collection('requests').add({
        data: {
          firstAcceptedAt,
          unitPath: path,
          category,
          ...(category === 'enterprise' ? { enterprise: { name: pick(['竹木厂', '茶厂', '合作社']) } } : {}),
          responsibleKind: pick(levels),
          state: firstResolvedAt ? 'closed' : 'submitted',
          createdAt,
          firstResolvedAt,
          updatedAt: firstResolvedAt ?? createdAt,
        },
      });
      for (const event of ['accepted', 'escalated', 'closed', 'reopened', 'autoEscalated', 'handedBack']) {
        if (random() < 0.3)
          await w.db.collection('timeline').add({
            data: { subject: 'request', subjectId: `gen-${i}`, event, unitPath: path, at: instant(), actor: 'seed' },
          });
      }
    }
    for (let i = 0; i < 80; i += 1) {
      const path = pick([
        [T, VA],
        [T, VB],
      ]);
      const submittedAt = random() < 0.9 ? instant() : null;
      const approvedAt = submittedAt && random() < 0.8 ? after(submittedAt) : null;
      const completedAt = approvedAt && random() < 0.6 ? after(approvedAt) : null;
      const appraisedAt = completedAt && random() < 0.6 ? after(completedAt) : null;
      const fulfilments = approvedAt
        ? Array.from({ length: Math.floor(random() * 3) }, () => {
            // Entered up to five days after the day it happened, which may be in the month before.
            const happened = after(approvedAt);
            return {
              id: rid(),
              day: shanghaiDay(happened),
              ...(random() < 0.4 ? { linkedRequestId: `gen-${Math.floor(random() * 120)}` } : {}),
              createdAt: after(happened),
            };
          })
        : [];
      await w.db.collection('pledges').add({
        data: {
          unitPath: path,
          villageId: path[1],
          ownerId: pick(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']),
          state: appraisedAt
            ? 'appraised'
            : completedAt
              ? 'completed'
              : approvedAt
                ? 'approved'
                : submittedAt
                  ? 'submitted'
                  : 'draft',
          dueDay: pick(['2025-03-31', '2025-04-01', '2099-01-01']),
          submittedAt,
          approvedAt,
          completedAt,
          appraisedAt,
          fulfilments,
          updatedAt: appraisedAt ?? completedAt ?? approvedAt ?? submittedAt ?? new Date(MARCH),
        },
      });
    }
    for (let i = 0; i < 40; i += 1) {
      const path = pick([
        [T, VA],
        [T, VB],
      ]);
      const kind = pick(['lesson', 'film', 'practice']);
      await w.db.collection('activities').add({
        data: {
          unitPath: path,
          branchId: `${path[1]}-${pick(['b1', 'b2'])}`,
          kind,
          place: pick([
            { placeId: 'gen-field', name: '田', kind: 'field' },
            { placeId: 'gen-red', name: '祠', kind: 'red_site' },
            { name: '村部会议室' },
          ]),
          ...(kind === 'practice' && random() < 0.7
            ? {
                practice: { enterprises: ['茶厂'], requestIds: [], enterpriseKeys: [pick(['name:茶厂', 'name:砖厂'])] },
              }
            : {}),
          month: pick(['2025-02', '2025-03', '2025-04', '2025-05']),
          status: pick(['planned', 'held', 'recorded', 'cancelled']),
          attendance: { present: Math.floor(random() * 20), absent: 0, delivered: 0 },
        },
      });
    }
    for (let i = 0; i < 60; i += 1) {
      // A visit happens on its day and is logged up to five days later, often in the next month.
      const date = shanghaiDay(instant());
      await w.db.collection('visits').add({
        data: {
          unitPath: pick([
            [T, VA, NA],
            [T, VB, NB],
          ]),
          householdKey: `name:${pick(['王', '李', '张', '赵'])}`,
          date,
          month: date.slice(0, 7),
          problems: Array.from({ length: Math.floor(random() * 3) }, () => ({ category: 'help' })),
          helpedOnSpot: random() < 0.3,
          createdAt: after(new Date(`${date}T12:00:00+08:00`)),
        },
      });
    }
    // One branch of 甲村 held all three kinds in every month of February to May; one of 乙村 missed a film in April.
    for (const [branchId, path] of [
      [`${VA}-b9`, [T, VA]],
      [`${VB}-b9`, [T, VB]],
    ] as const) {
      for (const m of ['2025-02', '2025-03', '2025-04', '2025-05'])
        for (const kind of ['lesson', 'film', 'practice']) {
          if (branchId.startsWith(VB) && m === '2025-04' && kind === 'film') continue;
          await w.db.collection('activities').add({
            data: {
              unitPath: path,
              branchId,
              kind,
              place: { name: '村部' },
              month: m,
              status: 'held',
              attendance: { present: 3, absent: 0, delivered: 0 },
            },
          });
        }
    }
    const report = ok(await w.call('stats', 'reconcile', { unitId: T, from: '2025-02', to: '2025-05' }, GEN_ADMIN));
    expect(report.fixes.length).toBeGreaterThan(0);
  });

  const periods: Array<[string, object, string[]]> = [
    ['March', { kind: 'month', month: '2025-03' }, ['2025-03']],
    ['April', { kind: 'month', month: '2025-04' }, ['2025-04']],
    ['the first quarter', { kind: 'quarter', year: 2025, quarter: 1 }, ['2025-01', '2025-02', '2025-03']],
    ['the second quarter', { kind: 'quarter', year: 2025, quarter: 2 }, ['2025-04', '2025-05', '2025-06']],
    [
      'the year',
      { kind: 'year', year: 2025 },
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    ],
    ['March to April', { kind: 'range', from: '2025-03', to: '2025-04' }, ['2025-03', '2025-04']],
  ];

  it.each(periods)(
    'every figure of %s equals the count from the records, for the town and each village',
    async (_name, period, months) => {
      const records = await raw(w);
      for (const unitId of [T, VA, VB]) {
        const board = await dashboard(unitId, period, GEN_ADMIN);
        expect({ unitId, figures: asRecount(board.figures) }).toEqual({
          unitId,
          figures: recount(records, unitId, months, todayShanghai()),
        });
      }
    },
  );

  it('puts a record made one millisecond before Shanghai midnight in the earlier month', async () => {
    const path = [T, VA, NA];
    await w.db.collection('requests').add({
      data: {
        unitPath: path,
        category: 'help',
        responsibleKind: 'village',
        state: 'submitted',
        createdAt: new Date(APRIL - 1),
        firstResolvedAt: null,
        updatedAt: new Date(APRIL - 1),
      },
    });
    await w.db.collection('requests').add({
      data: {
        unitPath: path,
        category: 'help',
        responsibleKind: 'village',
        state: 'submitted',
        createdAt: new Date(APRIL),
        firstResolvedAt: null,
        updatedAt: new Date(APRIL),
      },
    });
    const march = (await dashboard(VA, month('2025-03'), GEN_ADMIN)).figures.requests.received;
    const april = (await dashboard(VA, month('2025-04'), GEN_ADMIN)).figures.requests.received;
    ok(await w.call('stats', 'reconcile', { unitId: T, from: '2025-03', to: '2025-04' }, GEN_ADMIN));
    expect((await dashboard(VA, month('2025-03'), GEN_ADMIN)).figures.requests.received).toBe(march + 1);
    expect((await dashboard(VA, month('2025-04'), GEN_ADMIN)).figures.requests.received).toBe(april + 1);
  });
});

describe('counters', () => {
  it('count every one of many concurrent events exactly once', async () => {
    const before = (await dashboard(V1, month(thisMonth()))).figures.requests.received;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        w.call(
          'request',
          'submit',
          { requestId: rid(), category: 'suggestion', text: '建议在村口装一个公告栏' },
          P.villager,
        ),
      ),
    );
    expect(answers.map(code)).toEqual(Array(12).fill('OK'));
    const board = await dashboard(V1, month(thisMonth()));
    expect(board.figures.requests.received).toBe(before + 12);
    expect(board.figures.requests.received).toBe(recount(await raw(w), V1, [thisMonth()], todayShanghai()).received);
  });

  it('are repaired by reconciliation after deliberate corruption, which reports what it fixed', async () => {
    const m = thisMonth();
    const { data: shards } = (await w.db.collection('counters').where({ unitId: V1, month: m, shard: 0 }).get()) as {
      data: Array<{ _id: string }>;
    };
    const shardId = shards[0]?._id ?? `${V1}_${m}_0`;
    await w.db
      .collection('counters')
      .doc(shardId)
      .set({ data: { unitId: V1, month: m, shard: 0, counts: { request: { received: 999 } }, updatedAt: new Date() } });
    // A member's sighting lost from their key's sightings, and a key never seen made up: neither is counted there.
    ok(await w.fire('stats', 'fold'));
    const { data: sightings } = (await w.db
      .collection('counter_sightings')
      .where({ town: TOWN, name: 'pledge.members' })
      .get()) as unknown as { data: Array<{ _id: string; sightings: Array<{ unitId: string; month: string }> }> };
    const member = sightings.find((d) => d.sightings.some((s) => s.unitId === V1 && s.month === m))!;
    await w.db
      .collection('counter_sightings')
      .doc(member._id)
      .update({ data: { sightings: member.sightings.filter((s) => !(s.unitId === V1 && s.month === m)) } });
    await w.db.collection('counter_sightings').add({
      data: {
        _id: `${TOWN}_pledge.members_stray`,
        town: TOWN,
        name: 'pledge.members',
        key: 'stray',
        sightings: [{ unitId: V1, month: m, sub: '' }],
        lastMonth: m,
      },
    });
    const wrong = await dashboard(V1, month(m));
    expect(wrong.figures.requests.received).toBeGreaterThan(900);

    const report = ok(await w.call('stats', 'reconcile', { unitId: V1, from: m, to: m }, P.villageAdmin));
    const fix = report.fixes.find((f: { unitId: string }) => f.unitId === V1);
    expect(fix).toMatchObject({ month: m, sightingsAdded: 1, sightingsRemoved: 1 });
    expect(fix.counters['request.received'][0]).toBeGreaterThan(900);
    const expected = recount(await raw(w), V1, [m], todayShanghai());
    expect(fix.counters['request.received'][1]).toBe(expected.received);
    expect(asRecount((await dashboard(V1, month(m))).figures)).toEqual(expected);
    expect(ok(await w.call('stats', 'reconcile', { unitId: V1, from: m, to: m }, P.villageAdmin)).fixes).toEqual([]);
  });

  it('are checked every night by the timer trigger, which no user may call', async () => {
    const reports = ok(await w.fire('stats', 'nightly'));
    expect(reports.map((r: { unitId: string }) => r.unitId)).toEqual(expect.arrayContaining([TOWN]));
    expect(code(await w.call('stats', 'nightly', {}, P.townAdmin))).toBe('FORBIDDEN');
  });
});

describe('export', () => {
  async function download(by: string) {
    const result = ok(await w.call('stats', 'export', { unitId: V1, period: month(thisMonth()) }, by));
    const res = await fetch(result.url);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    return { result, book };
  }
  const values = (sheet: ExcelJS.Worksheet) => {
    const out: unknown[][] = [];
    sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  beforeAll(async () => {
    ok(
      await w.call(
        'request',
        'report',
        {
          requestId: rid(),
          category: 'help',
          text: '独居老人家里漏雨',
          unitId: 'n-xcp-1',
          resident: { name: '陈奶奶', phone: '13812345678' },
        },
        P.head1,
      ),
    );
  });

  it('writes the dashboard and the lists with Chinese headers, read back cell by cell', async () => {
    const { result, book } = await download(P.villageAdmin);
    expect(result.fileName).toBe(
      `西草坪村${Number(thisMonth().slice(0, 4))}年${Number(thisMonth().slice(5))}月统计.xlsx`,
    );
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '概况',
      '民生诉求',
      '承诺践诺',
      '活动参加',
      '活动场次',
      '践诺记录',
      '走访记录',
    ]);
    const board = (await dashboard(V1, month(thisMonth()), P.villageAdmin)).figures;
    const overview = values(book.getWorksheet('概况')!);
    expect(overview[0]).toEqual([
      '单位',
      `指标（${result.fileName.replace('西草坪村', '').replace('统计.xlsx', '')}）`,
      '数值',
    ]);
    const cell = (label: string) => overview.find((r) => r[0] === '西草坪村' && r[1] === label)?.[2];
    expect(cell('收到诉求（件）')).toBe(board.requests.received);
    expect(cell('办结（件）')).toBe(board.requests.resolved);
    expect(cell('作出承诺的党员（名）')).toBe(board.pledges.members);
    expect(cell('承诺（项）')).toBe(board.pledges.pledges);
    expect(cell('化解矛盾纠纷（个）')).toBe(board.requests.disputesMediated);

    const requests = values(book.getWorksheet('民生诉求')!);
    expect(requests[0]).toEqual([...EXPORT_COLUMNS.requests]);
    const records = (await allDocs<{ _id: string; createdAt: Date }>(w, 'requests', { unitPath: V1 })).filter(
      (r) => shanghaiMonth(r.createdAt) === thisMonth(),
    );
    expect(requests.length - 1).toBe(records.length);
    expect(result.rows.requests).toBe(records.length);
    const leak = requests.find((r) => r[5] === '独居老人家里漏雨')!;
    expect(leak.slice(3, 5)).toEqual(['求助', '否']);
    expect(leak.slice(13)).toEqual(['西草坪村']);
    // The village admin handles every request waiting in the village (an admin above its responsible unit).
    expect(leak.slice(8, 10)).toEqual(['陈奶奶', '13812345678']);

    const pledges = values(book.getWorksheet('承诺践诺')!);
    expect(pledges[0]).toEqual([...EXPORT_COLUMNS.pledges]);
    expect(pledges.slice(1).map((r) => r[2])).toEqual(Array(3).fill('帮独居老人每周买一次菜'));
    expect(pledges.slice(1).map((r) => r[9])).toEqual(Array(3).fill('西草坪村'));
    expect(values(book.getWorksheet('活动参加')!)[0]).toEqual([...EXPORT_COLUMNS.attendance]);
  });

  it('masks the resident’s name and phone for an exporter who does not handle the request', async () => {
    const { book } = await download(P.secretary);
    const row = values(book.getWorksheet('民生诉求')!).find((r) => r[5] === '独居老人家里漏雨')!;
    expect(row.slice(8, 10)).toEqual(['陈**', '138****5678']);
  });
});

describe('who may ask', () => {
  const input = () => ({ unitId: V1, period: month(thisMonth()) });

  it.each([
    ['a member', P.member],
    ['a neighbourhood head', P.head1],
    ['another village’s admin', P.otherAdmin],
  ])('refuses %s', async (_who, openid) => {
    for (const action of ['dashboard', 'summary', 'export'])
      expect(code(await w.call('stats', action, input(), openid))).toBe('FORBIDDEN');
  });

  it('lets a branch secretary see their own village, not the town, and not repair counters', async () => {
    expect(code(await w.call('stats', 'dashboard', input(), P.secretary))).toBe('OK');
    expect(code(await w.call('stats', 'dashboard', { ...input(), unitId: TOWN }, P.secretary))).toBe('FORBIDDEN');
    expect(
      code(await w.call('stats', 'reconcile', { unitId: V1, from: thisMonth(), to: thisMonth() }, P.secretary)),
    ).toBe('FORBIDDEN');
  });

  it('refuses the town organs’ branch secretary every unit’s figures, unless also an admin of it', async () => {
    const organs = 'o-town-organs-secretary';
    const secretary = grant('branch_secretary', [TOWN], 'b-town-organs');
    await w.db.collection('users').add({
      data: {
        _id: organs,
        nickname: '机关书记',
        roles: [secretary],
        homeUnitId: null,
        homeUnitPath: [],
        privacyAcceptedAt: new Date(),
        createdAt: new Date(),
      },
    });
    for (const action of ['dashboard', 'summary', 'export']) {
      for (const unitId of [TOWN, V1]) {
        expect(code(await w.call('stats', action, { ...input(), unitId }, organs))).toBe('FORBIDDEN');
      }
    }
    await w.db
      .collection('users')
      .doc(organs)
      .update({ data: { roles: [secretary, grant('village_admin', [TOWN, V1])] } });
    expect(code(await w.call('stats', 'dashboard', input(), organs))).toBe('OK');
    expect(code(await w.call('stats', 'dashboard', { ...input(), unitId: TOWN }, organs))).toBe('FORBIDDEN');
  });

  it('lets the village admin see the village but not the town', async () => {
    expect(code(await w.call('stats', 'dashboard', input(), P.villageAdmin))).toBe('OK');
    expect(code(await w.call('stats', 'dashboard', { ...input(), unitId: TOWN }, P.villageAdmin))).toBe('FORBIDDEN');
  });

  it.each([
    ['a period ending before it starts', { unitId: V1, period: { kind: 'range', from: '2026-05', to: '2026-01' } }],
    ['more than 36 months', { unitId: V1, period: { kind: 'range', from: '2020-01', to: '2026-01' } }],
    ['a malformed month', { unitId: V1, period: { kind: 'month', month: '2026-13' } }],
    [
      'a neighbourhood (figures are kept for towns and villages)',
      { unitId: 'n-xcp-1', period: { kind: 'month', month: '2026-01' } },
    ],
  ])('refuses %s as INVALID_ARGUMENT', async (_what, data) => {
    expect(code(await w.call('stats', 'dashboard', data, P.townAdmin))).toBe('INVALID_ARGUMENT');
  });
});
