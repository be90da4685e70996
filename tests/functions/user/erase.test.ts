import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { timerEvent } from '../../../emulator/functions/timer';
import { grant } from '../helpers/world';
import { PRIVACY_VERSION } from '@honglin/types/user';
import { B1, H, L1, P, TOWN, V1, code, ok, rid, type World } from '../request/world';
import { residentsPledge, startStatsWorld, thisMonth, todayShanghai } from '../stats/world';

/**
 * 注销 through the local cloud with the real SDK: a person who has done everything the app lets them do deletes
 * their account, and then every collection (read straight from the local cloud's SQLite store) and the storage
 * are searched for their openid, name and phone, and their files; the town's figures are the same before and
 * after; an erasure too large for one call goes on in bounded timer runs.
 */
let w: World;

beforeAll(async () => {
  w = await startStatsWorld('erase');
  await w.db
    .collection('branches')
    .add({ data: { _id: B1, name: '西草坪村党支部', unitId: V1, unitPath: [TOWN, V1] } });
  await w.db.collection('films').add({
    data: {
      _id: 'film-erase',
      title: '榜样',
      kind: 'exemplar',
      lengthMinutes: 60,
      where: [],
      description: '',
      createdBy: P.townAdmin,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  });
});

afterAll(async () => {
  await w?.stop();
});

/** A person with a unique name and phone who lives in 一邻 and is a member, neighbour head and village admin. */
async function newPerson(openid: string, nickname: string, phone: string) {
  await w.db.collection('users').add({
    data: {
      _id: openid,
      nickname,
      phone,
      avatarUrl: '',
      roles: [grant('member', [TOWN, V1], B1), grant('neighbour_head', L1), grant('village_admin', [TOWN, V1])],
      homeUnitId: L1[L1.length - 1],
      homeUnitPath: L1,
      unitIds: L1,
      privacyAcceptedAt: new Date(),
      createdAt: new Date(),
    },
  });
}

/** Every stored document of every collection, as text, straight from the store. */
function everyStoredDocument(): Array<{ collection: string; doc: string }> {
  const db = new Database(path.join(w.dataDir, 'database.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c:%'").all() as {
      name: string;
    }[];
    return tables.flatMap(({ name }) =>
      (db.prepare(`SELECT id, doc FROM "${name}"`).all() as { id: string; doc: string }[]).map((row) => ({
        collection: name.slice(2),
        doc: `${row.id} ${row.doc}`,
      })),
    );
  } finally {
    db.close();
  }
}

function storedFiles(): string[] {
  const root = path.join(w.dataDir, 'storage');
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out;
}

const board = async (unitId: string) =>
  ok(await w.call('stats', 'dashboard', { unitId, period: { kind: 'month', month: thisMonth() } }, P.townAdmin))
    .figures;

/** Runs the erase timer with a batch size given as the trigger's Message. */
async function eraseTimer(batch: number) {
  const outcome = await w.cloud.functions.invoke(
    'user',
    { ...timerEvent('erase', new Date()), Message: JSON.stringify({ batch }) },
    {},
  );
  if (!outcome.ok) throw new Error(`timer failed: ${JSON.stringify(outcome)}`);
  return ok(JSON.parse(outcome.responseData));
}

describe('a person who did everything deletes their account', () => {
  const X = 'o-erase-everything';
  const NAME = '欧阳抹除';
  const PHONE = '13912340001';
  const files: string[] = [];
  const upload = async (name: string) => {
    const id = await w.upload(`uploads/${X}/${name}`);
    files.push(id);
    return id;
  };
  let figuresBefore: unknown[];

  beforeAll(async () => {
    await newPerson(X, NAME, PHONE);
    ok(await w.call('user', 'updateProfile', { avatarUrl: await upload('avatar.png') }, X));
    // Subscribe messages they accepted (kept per person until sent).
    ok(await w.call('user', 'reportSubscriptions', { accepted: ['requestAccepted', 'requestEscalated'] }, X));

    // As a resident: a request with photos, a comment, a rating with words; following a neighbour's request.
    const own = ok(
      await w.call(
        'request',
        'submit',
        {
          requestId: rid(),
          category: 'help',
          text: `我家门口路灯坏了，有事打${PHONE}`,
          photos: [await upload('lamp.png'), await upload('REJECTED-IMAGE-lamp.png')],
          showName: true,
        },
        X,
      ),
    ).id as string;
    ok(await w.call('request', 'comment', { id: own, requestId: rid(), text: '麻烦快点来看看，晚上太黑了' }, X));
    ok(await w.call('request', 'accept', { id: own }, P.head1));
    ok(await w.call('request', 'resolve', { id: own, result: '已经换了灯泡' }, P.head1));
    ok(await w.call('request', 'rate', { id: own, rating: 'unsatisfied', comment: '第二天又不亮了' }, X));
    const neighbours = ok(
      await w.call('request', 'submit', { requestId: rid(), category: 'help', text: '村口水沟堵了' }, P.villager),
    ).id as string;
    await w.call('request', 'follow', { id: neighbours }, X);

    // As a head: a report for a resident, taken up and handled; a request passed to them by the admin; visits.
    const reported = ok(
      await w.call(
        'request',
        'report',
        {
          requestId: rid(),
          category: 'help',
          text: `${NAME}代李四反映：屋顶漏雨`,
          unitId: L1[L1.length - 1],
          resident: { name: '李四', userId: P.neighbour },
        },
        X,
      ),
    ).id as string;
    ok(await w.call('request', 'accept', { id: reported }, X));
    ok(await w.call('request', 'resolve', { id: reported, result: '帮忙联系了瓦工', photos: [] }, X));
    ok(await w.call('request', 'accept', { id: neighbours }, X));
    ok(
      await w.call(
        'visit',
        'log',
        { requestId: rid(), household: { householdId: H.zhang }, date: todayShanghai(), discussed: '聊了收成' },
        X,
      ),
    );
    // A household they added as its head: its history names who added it.
    ok(await w.call('org', 'saveHousehold', { requestId: rid(), unitId: L1[L1.length - 1], headName: '新来户' }, X));
    // A visit to them as a household, logged before households were records of the village's list: it named their
    // account (visits now name a household record, which no account owns).
    await w.db.collection('visits').add({
      data: {
        _id: rid(),
        headId: P.head1,
        headName: '邻长 赵邻长',
        unitId: L1[L1.length - 1],
        unitPath: L1,
        neighbourhoodName: '一邻',
        householdKey: `user:${X}`,
        householdName: NAME,
        householdUserId: X,
        date: '2025-01-15',
        month: '2025-01',
        discussed: `${NAME}说想学电商，电话${PHONE}`,
        problems: [],
        createdAt: new Date('2025-01-15T04:00:00Z'),
      },
    });

    // As a member: a pledge with a fulfilment and photos; a rating of another member's pledge; a check-in.
    const pledge = ok(await w.call('pledge', 'create', residentsPledge(), X)).id as string;
    ok(await w.call('pledge', 'review', { id: pledge, decision: 'approve' }, P.secretary));
    ok(
      await w.call(
        'pledge',
        'addFulfilment',
        {
          id: pledge,
          requestId: rid(),
          day: todayShanghai(),
          text: '帮张三修好了水管',
          peopleHelped: 1,
          photos: [await upload('pipe.png')],
        },
        X,
      ),
    );
    const others = ok(await w.call('pledge', 'create', residentsPledge(), P.member)).id as string;
    ok(await w.call('pledge', 'review', { id: others, decision: 'approve' }, P.secretary));
    ok(
      await w.call(
        'pledge',
        'addFulfilment',
        { id: others, requestId: rid(), day: todayShanghai(), text: '帮李四买米', peopleHelped: 1 },
        P.member,
      ),
    );
    ok(await w.call('pledge', 'complete', { id: others }, P.member));
    ok(await w.call('pledge', 'rate', { id: others, verdict: 'satisfied' }, X));

    // Today's session: check-in opens on the session's own day.
    const start = new Date().toISOString();
    const lesson = ok(
      await w.call(
        'activity',
        'plan',
        {
          requestId: rid(),
          branchId: B1,
          kind: 'lesson',
          title: '田间微党课',
          startAt: start,
          place: { description: '村部' },
        },
        P.secretary,
      ),
    );
    ok(await w.call('activity', 'openCheckin', { id: lesson._id }, P.secretary));
    const { code: checkinCode } = ok(await w.call('activity', 'checkinToken', { id: lesson._id }, P.secretary));
    ok(await w.call('activity', 'checkin', { id: lesson._id, code: checkinCode }, X));
    const other = ok(
      await w.call(
        'activity',
        'plan',
        {
          requestId: rid(),
          branchId: B1,
          kind: 'lesson',
          title: '党史学习',
          startAt: start,
          place: { description: '村部' },
        },
        X,
      ),
    );
    ok(await w.call('activity', 'markAbsent', { id: other._id, attendee: { openid: X }, reason: '住院' }, X));

    // Their own film log; an export of the village's figures (the workbook is a snapshot for administrators,
    // outside the register: docs/PRIVACY.md says so).
    ok(await w.call('video', 'logWatched', { requestId: rid(), filmId: 'film-erase' }, X));
    ok(await w.call('stats', 'export', { unitId: V1, period: { kind: 'month', month: thisMonth() } }, X));

    // The figures as they stand, once the markers are folded.
    await w.fire('stats', 'fold');
    figuresBefore = [await board(TOWN), await board(V1)];

    const answer = ok(await w.call('user', 'deleteAccount', { confirm: true }, X));
    expect(answer).toMatchObject({ erased: true });
  });

  it('leaves their openid, name and phone in no document of any collection', () => {
    const docs = everyStoredDocument();
    expect(docs.length).toBeGreaterThan(50);
    const left = docs.filter(({ doc }) => doc.includes(X) || doc.includes(NAME) || doc.includes(PHONE));
    expect(left).toEqual([]);
  });

  it('deletes their photos and avatar from storage and leaves no stored file naming them', () => {
    const stored = storedFiles();
    expect(stored.filter((f) => f.includes(X))).toEqual([]);
    for (const f of stored) {
      const content = fs.readFileSync(f).toString('utf8');
      expect({ f, has: content.includes(X) || content.includes(NAME) || content.includes(PHONE) }).toEqual({
        f,
        has: false,
      });
    }
    expect(files).toHaveLength(4);
  });

  it('keeps the figures as they were', async () => {
    await w.fire('stats', 'fold');
    expect([await board(TOWN), await board(V1)]).toEqual(figuresBefore);
    const report = ok(
      await w.call('stats', 'reconcile', { unitId: TOWN, from: thisMonth(), to: thisMonth() }, P.townAdmin),
    );
    expect(report.fixes).toEqual([]);
  });

  it('no longer knows them: their calls find no account, and their login starts afresh', async () => {
    expect(code(await w.call('user', 'deleteAccount', { confirm: true }, X))).toBe('FORBIDDEN');
    expect(ok(await w.call('user', 'me', {}, X))).toMatchObject({ known: false, nickname: '', roles: [] });
  });
});

describe('an erasure larger than one call goes on in bounded timer runs', () => {
  const Y = 'o-erase-large';
  const NAME = '司马大量';
  const PHONE = '13912340002';
  const ENTRIES = 130;

  const remaining = async () => everyStoredDocument().filter(({ doc }) => doc.includes(Y)).length;

  it('erases at most the batch each run, refuses a comeback meanwhile, and ends with nothing left', async () => {
    await newPerson(Y, NAME, PHONE);
    const entries = [...Array(ENTRIES).keys()].map((i) => ({
      subject: 'request',
      subjectId: `r-erase-${i}`,
      event: 'comment',
      from: null,
      to: null,
      actor: Y,
      actorName: NAME,
      note: `第${i}条留言`,
      at: new Date(),
      unitPath: L1,
    }));
    for (const data of entries) await w.db.collection('timeline').add({ data });

    const answer = ok(await w.call('user', 'deleteAccount', { confirm: true }, Y));
    expect(answer).toMatchObject({ erased: false });
    let left = await remaining();
    expect(left).toBeGreaterThan(0);
    expect(code(await w.call('user', 'acceptPrivacy', { version: PRIVACY_VERSION }, Y))).toBe('CONFLICT');

    for (let run = 0; left > 0 && run < 40; run += 1) {
      await eraseTimer(7);
      const now = await remaining();
      expect(left - now).toBeLessThanOrEqual(7);
      left = now;
    }
    expect(left).toBe(0);
    expect(everyStoredDocument().filter(({ doc }) => doc.includes(NAME) || doc.includes(PHONE))).toEqual([]);
    expect(ok(await w.call('user', 'acceptPrivacy', { version: PRIVACY_VERSION }, Y))).toBeTruthy();
  });

  it('refuses the erase timer to a user', async () => {
    expect(code(await w.call('user', 'erase', { batch: 1 }, P.villager))).toBe('FORBIDDEN');
  });

  it('refuses a timer Message that is not a JSON object', async () => {
    const outcome = await w.cloud.functions.invoke('user', { ...timerEvent('erase', new Date()), Message: '[1]' }, {});
    expect(JSON.parse((outcome as { responseData: string }).responseData)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });
});
