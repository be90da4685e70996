import { FILM_A, P, code, ok, rid, startWorld, type World } from '../activity/world';

/** The film library (town admins manage it) and the private film log (members, visible to them alone). */
let w: World;
beforeAll(async () => {
  w = await startWorld();
});

afterAll(async () => {
  await w?.stop();
});

const film = (extra: object = {}) => ({
  requestId: rid(),
  title: '初心使命',
  series: '榜样系列',
  kind: 'exemplar',
  lengthMinutes: 45,
  where: [{ platform: '学习强国', url: 'https://example.org/watch/1' }],
  description: '讲述基层党员的初心故事。',
  ...extra,
});

describe('library', () => {
  it('lets a town admin add a film once per request id, change and remove it', async () => {
    const input = film();
    const [a, b] = await Promise.all([
      w.call('video', 'save', input, P.townAdmin),
      w.call('video', 'save', input, P.townAdmin),
    ]);
    const saved = ok(a);
    expect(ok(b)._id).toBe(saved._id);
    expect(saved).toMatchObject({ title: '初心使命', kind: 'exemplar', lengthMinutes: 45 });
    const changed = ok(await w.call('video', 'save', { ...input, id: saved._id, lengthMinutes: 50 }, P.townAdmin));
    expect(changed.lengthMinutes).toBe(50);
    expect(ok(await w.call('video', 'get', { id: saved._id }, P.member1)).lengthMinutes).toBe(50);
    ok(await w.call('video', 'remove', { id: saved._id }, P.townAdmin));
    expect(code(await w.call('video', 'get', { id: saved._id }, P.member1))).toBe('NOT_FOUND');
    expect(code(await w.call('video', 'remove', { id: saved._id }, P.townAdmin))).toBe('NOT_FOUND');
  });

  it('refuses everyone but town admins', async () => {
    for (const who of [P.member1, P.secretary, P.villageAdmin, P.villager]) {
      expect(code(await w.call('video', 'save', film(), who))).toBe('FORBIDDEN');
      expect(code(await w.call('video', 'remove', { id: FILM_A }, who))).toBe('FORBIDDEN');
    }
  });

  it('refuses bad input and rejected text, storing nothing', async () => {
    const before = ok(await w.call('video', 'list', { size: 50 }, P.member1)).items.length;
    for (const bad of [
      film({ title: '' }),
      film({ kind: 'comedy' }),
      film({ lengthMinutes: 0 }),
      film({ where: [] }),
      film({ where: [{ platform: '学习强国', url: 'javascript:alert(1)' }] }),
    ]) {
      expect(code(await w.call('video', 'save', bad, P.townAdmin))).toBe('INVALID_ARGUMENT');
    }
    expect(code(await w.call('video', 'save', film({ description: '六合彩内幕' }), P.townAdmin))).toBe(
      'CONTENT_REJECTED',
    );
    expect(ok(await w.call('video', 'list', { size: 50 }, P.member1)).items).toHaveLength(before);
  });

  it('lists newest first, by kind, in pages', async () => {
    ok(await w.call('video', 'save', film({ title: '初心与蜕变', kind: 'warning' }), P.townAdmin));
    const warning = ok(await w.call('video', 'list', { kind: 'warning' }, P.villager));
    expect(warning.items.every((f: { kind: string }) => f.kind === 'warning')).toBe(true);
    expect(warning.items.map((f: { title: string }) => f.title)).toEqual(
      expect.arrayContaining(['初心与蜕变', '忠诚与背叛']),
    );
    const first = ok(await w.call('video', 'list', { size: 1 }, P.member1));
    expect(first.items).toHaveLength(1);
    const second = ok(await w.call('video', 'list', { size: 1, cursor: first.nextCursor }, P.member1));
    expect(second.items[0]._id).not.toBe(first.items[0]._id);
  });
});

describe('my film log', () => {
  it('is voluntary, private, idempotent and has no minutes', async () => {
    const input = { requestId: rid(), filmId: FILM_A, day: '2026-11-01' };
    const { answer, trips } = await w.roundTrips('video', 'logWatched', input, P.member1);
    const entry = ok(answer);
    ok(await w.call('video', 'logWatched', input, P.member1));
    expect(entry).toEqual({ _id: entry._id, filmId: FILM_A, title: '榜样', kind: 'exemplar', day: '2026-11-01' });
    expect(trips).toBeLessThanOrEqual(3);
    const mine = ok(await w.call('video', 'myLog', {}, P.member1));
    expect(mine.items).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toMatch(/minute|total|rank/i);
    expect(ok(await w.call('video', 'myLog', {}, P.member2)).items).toEqual([]);
    expect(code(await w.call('video', 'myLog', {}, P.villager))).toBe('FORBIDDEN');
    expect(code(await w.call('video', 'logWatched', { ...input, requestId: rid() }, P.villager))).toBe('FORBIDDEN');
    expect(code(await w.call('video', 'logWatched', { requestId: rid(), filmId: 'nope' }, P.member1))).toBe(
      'NOT_FOUND',
    );
    expect(
      code(await w.call('video', 'logWatched', { requestId: rid(), filmId: FILM_A, day: '2999-01-01' }, P.member1)),
    ).toBe('INVALID_ARGUMENT');
    expect(ok(await w.call('video', 'myLog', {}, P.member1)).items).toHaveLength(1);
  });
});
