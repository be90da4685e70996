import ExcelJS from 'exceljs';
import { dayOf } from '@honglin/types/time';
import { B1, H, P, TOWN, V1, ok, rid, type World } from '../request/world';
import { shanghaiMonth } from './recount';
import { startStatsWorld, thisMonth, todayShanghai } from './world';

/**
 * A year of 西草坪村 entered through the actions as its people would — sessions planned, checked in on the day or
 * entered afterwards (补录), and written up in the months they took place, visits and fulfilments logged days or months after the day they happened — and the
 * dashboard, the written summary and the export compared with the numbers put in, figure by figure.
 */
let w: World;

const FIELD = 'place-field';
const YE = 'place-yejiaci';
const BADAN = 'place-badanqiu';
const FACTORY = 'place-factory';
const HALL = 'place-hall';

/** The twelve months of the fixture, oldest first: eleven before this month, then this month (Shanghai). */
const MONTHS = Array.from({ length: 12 }, (_, i) => {
  const [y, m] = thisMonth().split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - (11 - i), 1));
  return d.toISOString().slice(0, 7);
});
const PERIOD = { kind: 'range', from: MONTHS[0], to: MONTHS[11] };

/** A moment in a month of the fixture: the 10th at 10:00 Shanghai, or a few minutes ago for this month. */
const startOf = (month: string) =>
  month === thisMonth() ? new Date(Date.now() - 5 * 60_000).toISOString() : `${month}-10T10:00:00+08:00`;

/** What the fixture put in, counted as it goes. */
const put = {
  lessons: 0,
  lessonPeople: 0,
  films: 0,
  filmPeople: 0,
  filmsAt: { [YE]: 0, [BADAN]: 0 } as Record<string, number>,
  practices: 0,
  practicePeople: 0,
  visits: 0,
  problemsRaised: 0,
  helped: 0,
  fulfilments: 0,
  linked: 0,
  emptySessionTitle: '无人到场的一次观影',
  enterpriseRequest: '',
};

async function session(kind: string, month: string, place: string, people: number, title: string) {
  const planned = ok(
    await w.call(
      'activity',
      'plan',
      { requestId: rid(), branchId: B1, kind, title, startAt: startOf(month), place: { placeId: place } },
      P.secretary,
    ),
  );
  // Today's session is checked in on the day; one of an earlier day is entered afterwards (补录), as a town
  // back-entering its months does.
  const today = dayOf(planned.startAt) === todayShanghai();
  if (today) ok(await w.call('activity', 'openCheckin', { id: planned._id }, P.secretary));
  else ok(await w.call('activity', 'markHeld', { id: planned._id }, P.secretary));
  for (let i = 0; i < people; i += 1)
    ok(await w.call('activity', 'addAttendee', { id: planned._id, attendee: { name: `群众${i + 1}` } }, P.secretary));
  if (today) ok(await w.call('activity', 'openCheckin', { id: planned._id, close: true }, P.secretary));
  return planned._id as string;
}

/** A day in a month of the fixture, never after today: the 15th, or today for this month. */
const dayIn = (month: string) => (month === thisMonth() ? todayShanghai() : `${month}-15`);

beforeAll(async () => {
  w = await startStatsWorld('stats-year');
  await w.db
    .collection('branches')
    .add({ data: { _id: B1, name: '西草坪村党支部', unitId: V1, unitPath: [TOWN, V1] } });
  const place = (id: string, name: string, kind: string, unitPath: string[]) =>
    w.db.collection('places').add({ data: { _id: id, name, kind, unitId: unitPath.at(-1), unitPath } });
  await place(FIELD, '西草坪村蔬菜基地', 'field', [TOWN, V1]);
  await place(YE, '叶家祠', 'red_site', [TOWN]);
  await place(BADAN, '八担坵', 'red_site', [TOWN]);
  await place(FACTORY, '鹿原竹木厂', 'enterprise', [TOWN, V1]);
  await place(HALL, '西草坪村党员活动室', 'venue', [TOWN, V1]);

  // 一月一课一片一实践 every month: a lesson in the fields, a film at a red site, a practice at the factory.
  for (const [i, month] of MONTHS.entries()) {
    const lessonPeople = 3 + (i % 3);
    await session('lesson', month, FIELD, lessonPeople, `田间课${i + 1}`);
    put.lessons += 1;
    put.lessonPeople += lessonPeople;
    const site = i % 2 === 0 ? YE : BADAN;
    await session('film', month, site, 2, `红色观影${i + 1}`);
    put.films += 1;
    put.filmPeople += 2;
    put.filmsAt[site] += 1;
    const practice = await session('practice', month, HALL, 1, `微实践${i + 1}`);
    put.practices += 1;
    put.practicePeople += 1;
    if (i < 3)
      ok(
        await w.call(
          'activity',
          'record',
          {
            id: practice,
            summary: '走访企业，了解用工难题',
            // The registered factory (its place) and a cooperative written in words.
            practice: { enterprises: [i === 2 ? '茶叶合作社' : '鹿原竹木厂'], requestIds: [] },
          },
          P.secretary,
        ),
      );
  }
  // A film nobody came to, in the month before this one: held, counted, and listed in the export.
  await session('film', MONTHS[10], YE, 0, put.emptySessionTitle);
  put.films += 1;
  put.filmsAt[YE] += 1;

  // Requests raised now: two livelihood problems solved, one waiting; an enterprise problem at the factory; a dispute.
  const submit = async (extra: object) =>
    ok(await w.call('request', 'submit', { requestId: rid(), ...extra }, P.villager)).id as string;
  const solve = async (id: string, by: string = P.head1) => {
    ok(await w.call('request', 'accept', { id }, by));
    ok(await w.call('request', 'resolve', { id, result: '已经解决' }, by));
  };
  const help = await submit({ category: 'help', text: '屋顶漏雨需要修补' });
  // Solved through a member's pledge: the head hands it to the member, who resolves it and links it below.
  ok(await w.call('request', 'accept', { id: help }, P.head1));
  ok(await w.call('request', 'assign', { id: help, assigneeId: P.member }, P.head1));
  ok(await w.call('request', 'resolve', { id: help, result: '已经解决' }, P.member));
  await solve(await submit({ category: 'consultation', text: '医保怎么在手机上交' }));
  await submit({ category: 'complaint', text: '夜里货车按喇叭' });
  const enterprise = await submit({
    category: 'enterprise',
    text: '竹木厂用电容量不够',
    enterprise: { name: '鹿原竹木厂', placeId: FACTORY },
  });
  // Filed at the factory's registered village (not the villager's 邻): the village handles it.
  await solve(enterprise, P.villageAdmin);
  put.enterpriseRequest = enterprise;
  await solve(await submit({ category: 'dispute', text: '两户因宅基地边界起了争执', parties: ['张三', '李四'] }));

  // Visits logged on the day they happened, back to eleven months ago; some raised a problem or helped on the spot.
  for (const [i, month] of MONTHS.slice(1).entries()) {
    const problems = i % 4 === 0 ? [{ category: 'suggestion', text: '村口路灯坏了建议修' }] : [];
    ok(
      await w.call(
        'visit',
        'log',
        {
          requestId: rid(),
          household: { householdId: i % 2 === 0 ? H.zhang : H.li },
          date: dayIn(month),
          discussed: '聊了今年的收成',
          problems,
          helpedOnSpot: i % 3 === 0,
        },
        P.head1,
      ),
    );
    put.visits += 1;
    put.problemsRaised += problems.length;
    put.helped += i % 3 === 0 ? 1 : 0;
  }

  // A pledge made now, with help given over the year recorded on the day it was given; one solved the request.
  const pledge = ok(
    await w.call(
      'pledge',
      'create',
      {
        requestId: rid(),
        category: 'residents',
        content: '帮独居老人每周买一次菜',
        target: '坚持一年',
        dueDay: new Date(Date.now() + 30 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10),
        submit: true,
      },
      P.member,
    ),
  ).id as string;
  ok(await w.call('pledge', 'review', { id: pledge, decision: 'approve' }, P.secretary));
  for (const [i, month] of MONTHS.slice(1).entries()) {
    if (i % 2 === 1) continue;
    ok(
      await w.call(
        'pledge',
        'addFulfilment',
        {
          id: pledge,
          requestId: rid(),
          day: dayIn(month),
          text: '帮陈奶奶买菜送上门',
          peopleHelped: 1,
          ...(i === 0 ? { linkedRequestId: help } : {}),
        },
        P.member,
      ),
    );
    put.fulfilments += 1;
    put.linked += i === 0 ? 1 : 0;
  }
  // The fold timer has run, as in a running town.
  ok(await w.fire('stats', 'fold'));
});

afterAll(async () => {
  await w?.stop();
});

async function board(unitId: string) {
  return ok(await w.call('stats', 'dashboard', { unitId, period: PERIOD }, P.townAdmin));
}

it('counts each kind on its own, each in the month it took place, and the branch that held all three every month', async () => {
  const { figures, units } = await board(TOWN);
  expect(figures.partyDay).toMatchObject({
    lessons: put.lessons,
    lessonParticipants: put.lessonPeople,
    fieldLessons: put.lessons,
    fieldLessonParticipants: put.lessonPeople,
    films: put.films,
    filmParticipants: put.filmPeople,
    redSiteFilms: put.films,
    practices: put.practices,
    practiceParticipants: put.practicePeople,
    participants: put.lessonPeople + put.filmPeople + put.practicePeople,
    branchesAllThree: 1,
  });
  const films = Object.fromEntries(
    figures.partyDay.byPlace
      .filter((p: { films: number }) => p.films > 0)
      .map((p: { name: string; films: number }) => [p.name, p.films]),
  );
  expect(films).toEqual({ 叶家祠: put.filmsAt[YE], 八担坵: put.filmsAt[BADAN] });
  expect(figures.requests).toMatchObject({
    livelihoodReceived: 3 + put.problemsRaised,
    livelihoodResolved: 2,
    enterpriseProblemsSolved: 1,
    // The factory once (its request and two practices), and the cooperative written in words.
    enterprisesServed: 2,
    disputesMediated: 1,
    firstAccepted: 4,
  });
  expect(figures.pledges).toMatchObject({ members: 1, fulfilments: put.fulfilments, linkedFulfilments: put.linked });
  expect(figures.visits).toMatchObject({
    visits: put.visits,
    households: 2,
    problemsRaised: put.problemsRaised,
    helpedOnSpot: put.helped,
  });

  // Each month has its own session of each kind: the trend counts them where they took place.
  expect(figures.partyDay.branchesAllThree).toBe(1);
  const trend = (await board(V1)).trend as Array<{ month: string; figures: { sessions: number } | null }>;
  expect(trend.map((t) => t.figures?.sessions)).toEqual(MONTHS.map((m) => (m === MONTHS[10] ? 4 : 3)));

  // The rows of the town's breakdown add up to the town.
  const sum = (pick: (f: { partyDay: { participants: number }; requests: { received: number } }) => number) =>
    units.reduce(
      (n: number, u: { figures: Parameters<typeof pick>[0] | null }) => n + (u.figures ? pick(u.figures) : 0),
      0,
    );
  expect(sum((f) => f.partyDay.participants)).toBe(figures.partyDay.participants);
  expect(sum((f) => f.requests.received)).toBe(figures.requests.received);
});

it('credits an enterprise problem to the level that solved it', async () => {
  const { figures } = await board(TOWN);
  const level = Object.fromEntries(
    figures.requests.byLevel.map((l: { kind: string; resolved: number }) => [l.kind, l.resolved]),
  );
  // The enterprise problem was filed at the factory's registered village and solved there; the rest at the 邻.
  expect(level).toMatchObject({ neighbourhood: 3, village: 1 });
  const { data } = (await w.db.collection('requests').doc(put.enterpriseRequest).get()) as unknown as {
    data: { responsibleKind: string };
  };
  expect(data.responsibleKind).toBe('village');
});

it('writes the summary sentence with the numbers put in', async () => {
  const { text } = ok(await w.call('stats', 'summary', { unitId: TOWN, period: PERIOD }, P.townAdmin));
  expect(text).toContain(`全镇已开展田间“微党课”${put.lessons}场，参与${put.lessonPeople}人次`);
  expect(text).toMatch(
    new RegExp(
      `依托(叶家祠、八担坵|八担坵、叶家祠)等红色教育资源，开展“微视频”沉浸式学习${put.films}场次，参与${put.filmPeople}人次`,
    ),
  );
  expect(text).toContain(`开展“微实践”活动${put.practices}场，参与${put.practicePeople}人次`);
  expect(text).toContain('1个支部12个月每月都开展了“一课一片一实践”');
  expect(text).toContain('共为2家企业解决实际困难1个；化解矛盾纠纷1个');
  expect(text).toContain(`记录践诺${put.fulfilments}次`);
  expect(text).toContain(
    `收到群众咨询、求助、建议、投诉${3 + put.problemsRaised}件，帮助群众解决各类民生实事问题2个，其中党员践诺帮助解决${put.linked}次`,
  );
  expect(text).toContain(
    `片组邻“三长”走访群众${put.visits}次，覆盖2户，议一议收集问题${put.problemsRaised}个，帮一帮当场帮办${put.helped}次`,
  );
});

it('exports lists that agree with the overview, with village, branch and place on every row', async () => {
  const result = ok(await w.call('stats', 'export', { unitId: TOWN, period: PERIOD }, P.townAdmin));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await (await fetch(result.url)).arrayBuffer()) as unknown as ArrayBuffer);
  const values = (name: string) => {
    const out: unknown[][] = [];
    book.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  const overview = values('概况');
  const cell = (label: string) => overview.find((r) => r[0] === '鹿原镇' && r[1] === label)?.[2];

  const sessions = values('活动场次');
  const header = sessions[0];
  const col = (name: string) => header.indexOf(name);
  const held = sessions.slice(1).filter((r) => r[col('计入统计')] === '是');
  const ofKind = (kind: string) => held.filter((r) => r[col('类别')] === kind);
  const people = (rows: unknown[][]) => rows.reduce((n: number, r) => n + Number(r[col('参加（人次）')]), 0);
  expect(ofKind('微党课')).toHaveLength(cell('微党课（场）') as number);
  expect(people(ofKind('微党课'))).toBe(cell('微党课参与（人次）'));
  expect(ofKind('微视频')).toHaveLength(cell('微视频观影（场）') as number);
  expect(people(ofKind('微视频'))).toBe(cell('微视频参与（人次）'));
  expect(ofKind('微实践')).toHaveLength(cell('微实践（场）') as number);
  expect(people(held)).toBe(cell('参与人次'));
  expect(cell('微党课（场）')).toBe(put.lessons);
  // Every row names its village, branch and place; the session nobody came to is listed.
  for (const r of sessions.slice(1)) {
    expect(r[col('村（社区）')]).toBe('西草坪村');
    expect(r[col('支部')]).toBe('西草坪村党支部');
    expect(r[col('地点')]).toEqual(expect.any(String));
  }
  const empty = sessions.find((r) => r[col('活动')] === put.emptySessionTitle)!;
  expect(empty[col('参加（人次）')]).toBe(0);
  expect(empty[col('地点')]).toBe('叶家祠');
  expect(empty[col('地点类型')]).toBe('红色教育基地');

  const fulfilments = values('践诺记录');
  expect(fulfilments.length - 1).toBe(cell('践诺记录（次）'));
  expect(fulfilments.slice(1).filter((r) => r[7] === '是')).toHaveLength(
    cell('其中帮助解决群众诉求的践诺（次）') as number,
  );
  const visits = values('走访记录');
  expect(visits.length - 1).toBe(cell('走访（次）'));
  // Happened on and entered on, both kept.
  for (const v of visits.slice(1)) {
    expect(v[0]).toBe('西草坪村');
    expect(MONTHS).toContain(String(v[4]).slice(0, 7));
    expect(shanghaiMonth(`${String(v[5]).replace(' ', 'T')}:00+08:00`)).toBe(thisMonth());
  }
  const requests = values('民生诉求');
  const enterprise = requests.find((r) => r[3] === '营商服务')!;
  expect(enterprise.slice(13)).toEqual(['西草坪村', '鹿原竹木厂']);
  expect(result.rows).toMatchObject({
    sessions: sessions.length - 1,
    visits: put.visits,
    fulfilments: put.fulfilments,
  });
});

it('reconciliation finds nothing to fix in a year entered through the actions', async () => {
  const report = ok(await w.call('stats', 'reconcile', { unitId: TOWN, from: MONTHS[0], to: MONTHS[11] }, P.townAdmin));
  expect(report.fixes.filter((f: { counters: object }) => Object.keys(f.counters).length > 0)).toEqual([]);
});
