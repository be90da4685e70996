import { DELETED_NICKNAME, PRIVACY_VERSION } from '@honglin/types/user';
import { PERSONA, UNIT } from '../../../emulator/seed/ids';
import { code, newPerson, ok, startDemoWorld, type DemoWorld } from './world';

/** Known at once, stored only after consent, the first town admin from configuration, profile and 注销. */
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('user-identity');
});
afterAll(() => world?.stop());

describe('user.me', () => {
  it('knows a newcomer by their OPENID and stores nothing about them before they agree', async () => {
    const { answer, trips } = await world.measured('o-newcomer-1', 'user', 'me');
    expect(ok(answer)).toMatchObject({ openid: 'o-newcomer-1', known: false, roles: [], homeUnit: null });
    expect(await world.find('users', { _id: 'o-newcomer-1' })).toEqual([]);
    expect(trips).toBeLessThanOrEqual(3);
  });

  it('gives a persona their home, roles with unit and branch names, and their own phone unmasked', async () => {
    const { answer, trips } = await world.measured(PERSONA.secretary, 'user', 'me');
    const me = ok(answer);
    expect(me.known).toBe(true);
    expect(me.homeUnit.pathNames).toEqual(['鹿原镇', '西草坪村', '第一片', '第一组', '二邻']);
    expect(me.roles.map((r: { role: string; branchName?: string }) => [r.role, r.branchName])).toEqual([
      ['branch_secretary', '西草坪村党支部'],
      ['member', '西草坪村党支部'],
    ]);
    expect(me.phone).toBe('13807330106');
    expect(trips).toBeLessThanOrEqual(3);
  });
});

describe('user.acceptPrivacy', () => {
  it('creates the record on consent, once, however often they agree', async () => {
    await newPerson(world, 'o-newcomer-2');
    await newPerson(world, 'o-newcomer-2');
    const [record] = await world.find<{ privacyVersion: string; roles: unknown[] }>('users', { _id: 'o-newcomer-2' });
    expect(record).toMatchObject({ privacyVersion: PRIVACY_VERSION, roles: [] });
    expect(await world.find('users', { _id: 'o-newcomer-2' })).toHaveLength(1);
  });

  it('refuses an outdated guideline version and stores nothing', async () => {
    const answer = await world.call('o-newcomer-3', 'user', 'acceptPrivacy', { version: '2020-01' });
    expect(code(answer)).toBe('INVALID_ARGUMENT');
    expect(await world.find('users', { _id: 'o-newcomer-3' })).toEqual([]);
  });

  it('makes an OPENID listed in config firstTownAdmins the town admin, recorded, and nobody else', async () => {
    const { answer, trips } = await world.measured('local-first-town-admin', 'user', 'acceptPrivacy', {
      version: PRIVACY_VERSION,
    });
    ok(answer);
    expect(trips - 2).toBeLessThanOrEqual(6); // less the transaction's start and commit
    const me = ok(await world.call('local-first-town-admin', 'user', 'me'));
    expect(me.roles).toEqual([expect.objectContaining({ role: 'town_admin', unitId: UNIT.town, unitName: '鹿原镇' })]);
    const changes = await world.find('role_changes', { subject: 'local-first-town-admin' });
    expect(changes).toEqual([expect.objectContaining({ change: 'grant', via: 'bootstrap' })]);
    // Passing someone's id or a role in the request changes nothing.
    await world.call('o-pretender', 'user', 'acceptPrivacy', {
      version: PRIVACY_VERSION,
      openid: 'local-first-town-admin',
      roles: ['town_admin'],
    });
    expect(ok(await world.call('o-pretender', 'user', 'me')).roles).toEqual([]);
  });
});

describe('user.updateProfile', () => {
  it('is refused before consent', async () => {
    const answer = await world.call('o-newcomer-4', 'user', 'updateProfile', { nickname: '小王' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '请先阅读并同意隐私保护指引' } });
    expect(await world.find('users', { _id: 'o-newcomer-4' })).toEqual([]);
  });

  it('sets name, phone and home unit; me then shows the home with its path', async () => {
    await newPerson(world, 'o-newcomer-5');
    const { answer, trips } = await world.measured('o-newcomer-5', 'user', 'updateProfile', {
      nickname: '小王',
      phone: '13912345678',
      homeUnitId: UNIT.xcpNeighbourhood2,
    });
    expect(ok(answer)).toEqual({
      nickname: '小王',
      avatarUrl: '',
      phone: '13912345678',
      homeUnitId: UNIT.xcpNeighbourhood2,
    });
    expect(trips - 2).toBeLessThanOrEqual(4); // reads ≤ 3 and one write, less the transaction's start and commit
    const me = ok(await world.call('o-newcomer-5', 'user', 'me'));
    expect(me.homeUnit).toMatchObject({ name: '二邻', pathNames: ['鹿原镇', '西草坪村', '第一片', '第一组', '二邻'] });
  });

  it('rejects bad input and stores nothing', async () => {
    await newPerson(world, 'o-newcomer-6', { nickname: '原名' });
    for (const input of [{ phone: '12345' }, { nickname: '' }, {}, { avatarUrl: 'http://x/y.png' }]) {
      expect(code(await world.call('o-newcomer-6', 'user', 'updateProfile', input))).toBe('INVALID_ARGUMENT');
    }
    expect(code(await world.call('o-newcomer-6', 'user', 'updateProfile', { homeUnitId: UNIT.town }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(await world.call('o-newcomer-6', 'user', 'updateProfile', { homeUnitId: 'no-such-unit' }))).toBe(
      'NOT_FOUND',
    );
    expect(ok(await world.call('o-newcomer-6', 'user', 'me')).nickname).toBe('原名');
  });

  it('refuses a nickname that fails the content check, nothing stored', async () => {
    await newPerson(world, 'o-newcomer-7', { nickname: '原名' });
    const answer = await world.call('o-newcomer-7', 'user', 'updateProfile', { nickname: '赌博达人' });
    expect(code(answer)).toBe('CONTENT_REJECTED');
    expect(ok(await world.call('o-newcomer-7', 'user', 'me')).nickname).toBe('原名');
  });
});

describe('user.deleteAccount (注销)', () => {
  it('erases the account and what names them in the change log, where the revocation stays recorded', async () => {
    await newPerson(world, 'o-leaver', {
      nickname: '将离开',
      phone: '13900000000',
      homeUnitId: UNIT.xcpNeighbourhood1,
    });
    ok(
      await world.call(PERSONA.villageAdmin, 'user', 'grantRole', {
        openid: 'o-leaver',
        role: 'neighbour_head',
        unitId: UNIT.xcpNeighbourhood1,
      }),
    );
    expect(code(await world.call('o-leaver', 'user', 'deleteAccount', {}))).toBe('INVALID_ARGUMENT');
    expect(ok(await world.call('o-leaver', 'user', 'deleteAccount', { confirm: true }))).toMatchObject({
      erased: true,
    });
    expect(await world.find('users', { _id: 'o-leaver' })).toEqual([]);
    expect(await world.find('role_changes', { subject: 'o-leaver' })).toEqual([]);
    const changes = await world.find<{ subject: string; subjectName: string; via: string }>('role_changes', {
      subjectName: DELETED_NICKNAME,
    });
    const theirs = changes.filter((c) => c.subject.startsWith('erased-'));
    expect(theirs.map((c) => c.via).sort()).toEqual(['account_deleted', 'direct']);
    expect(new Set(theirs.map((c) => c.subject)).size).toBe(1);
    expect(ok(await world.call('o-leaver', 'user', 'me')).known).toBe(false);
    // Gone from the people list of their unit.
    const people = ok(
      await world.call(PERSONA.villageAdmin, 'user', 'listPeople', { unitId: UNIT.xicaoping, size: 50 }),
    );
    expect(people.items.map((p: { openid: string }) => p.openid)).not.toContain('o-leaver');
  });
});
