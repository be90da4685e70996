import settings from '../../../config/honglin.json';
import { readQrCodes } from '../../../emulator/openapi/records';
import { BRANCH, PERSONA, UNIT } from '../../../emulator/seed/ids';
import { code, newPerson, ok, rid, startDemoWorld, type DemoWorld } from './world';

/** One-time invitations: who may invite whom where, idempotent create and redeem, used, expired, concurrent. */
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('user-invites');
});
afterAll(() => world?.stop());

const invite = (openid: string, input: object) =>
  world.call(openid, 'user', 'createInvite', { requestId: rid(), ...input });

describe('user.createInvite', () => {
  it('gives a short code, a QR code in storage and a 7-day expiry; the same requestId gives the same invitation', async () => {
    const requestId = rid();
    const input = { requestId, role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood2 };
    const { answer, trips } = await world.measured(PERSONA.townAdmin, 'user', 'createInvite', input);
    const created = ok(answer);
    expect(created.code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    expect(created).toMatchObject({ role: 'neighbour_head', targetName: '二邻', status: 'open' });
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(7 * 24 * 3600 * 1000);
    const png = world.cloud.storage.read(created.qrFileId);
    expect(png?.data.subarray(1, 4).toString()).toBe('PNG');
    // It opens the version the town tests or runs (config miniProgramVersion), checking the page on release only.
    expect(readQrCodes(world.dataDir).find((q) => q.scene === created.code)).toMatchObject({
      page: 'packages/account/redeem',
      envVersion: settings.miniProgramVersion,
      checkPath: settings.miniProgramVersion === 'release',
    });
    expect(trips - 2).toBeLessThanOrEqual(5); // reads 3, writes 2, less the transaction's start and commit
    const again = ok(await world.call(PERSONA.townAdmin, 'user', 'createInvite', input));
    expect(again.code).toBe(created.code);
    expect(await world.find('invites', { requestId })).toHaveLength(1);
  });

  it('makes one invitation of simultaneous retries of the same create', async () => {
    const input = { requestId: rid(), role: 'group_head', unitId: UNIT.xcpGroup3 };
    const answers = await Promise.all(
      [1, 2, 3].map(() => world.call(PERSONA.villageAdmin, 'user', 'createInvite', input)),
    );
    const codes = new Set(answers.map((a) => ok(a).code));
    expect(codes.size).toBe(1);
    expect(await world.find('invites', { requestId: input.requestId })).toHaveLength(1);
  });

  it('lets a village admin invite into their village, but not an admin role and not into another village', async () => {
    ok(await invite(PERSONA.villageAdmin, { role: 'group_head', unitId: UNIT.xcpGroup2 }));
    ok(await invite(PERSONA.villageAdmin, { role: 'member', branchId: BRANCH.xicaoping }));
    expect(code(await invite(PERSONA.villageAdmin, { role: 'village_admin', unitId: UNIT.xicaoping }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await invite(PERSONA.villageAdmin, { role: 'neighbour_head', unitId: UNIT.szNeighbourhood1 }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await invite(PERSONA.villageAdmin, { role: 'member', branchId: BRANCH.shizhou }))).toBe('FORBIDDEN');
    expect(
      code(await invite(PERSONA.otherVillageAdmin, { role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood1 })),
    ).toBe('FORBIDDEN');
    ok(await invite(PERSONA.townAdmin, { role: 'village_admin', unitId: UNIT.shizhou }));
  });

  it('refuses callers without an admin role', async () => {
    for (const openid of [PERSONA.secretary, PERSONA.blockHead, PERSONA.villager, 'o-stranger']) {
      expect(code(await invite(openid, { role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood1 }))).toBe('FORBIDDEN');
    }
  });

  it('refuses a role in the wrong kind of unit and malformed input, storing nothing', async () => {
    const before = (await world.find('invites', {})).length;
    expect(code(await invite(PERSONA.townAdmin, { role: 'neighbour_head', unitId: UNIT.xcpGroup1 }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(await invite(PERSONA.townAdmin, { role: 'member', unitId: UNIT.xicaoping }))).toBe('INVALID_ARGUMENT');
    expect(code(await invite(PERSONA.townAdmin, { role: 'mayor', unitId: UNIT.xicaoping }))).toBe('INVALID_ARGUMENT');
    expect(
      code(await invite(PERSONA.townAdmin, { role: 'group_head', unitId: UNIT.xcpGroup1, expiresInDays: 90 })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      code(await world.call(PERSONA.townAdmin, 'user', 'createInvite', { role: 'group_head', unitId: UNIT.xcpGroup1 })),
    ).toBe('INVALID_ARGUMENT');
    expect(await world.find('invites', {})).toHaveLength(before);
  });
});

describe('user.redeemInvite', () => {
  it('gives the role to the person who redeems it, recorded with the invitation; again gives the same answer', async () => {
    const { code } = ok(await invite(PERSONA.townAdmin, { role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood2 }));
    await newPerson(world, 'o-invitee-1', { nickname: '新邻长' });
    const { answer, trips } = await world.measured('o-invitee-1', 'user', 'redeemInvite', { code: code.toLowerCase() });
    const first = ok(answer);
    expect(first).toMatchObject({
      grant: { role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood2 },
      targetName: '二邻',
    });
    expect(trips - 2).toBeLessThanOrEqual(6); // reads 3, writes 3, less the transaction's start and commit
    expect(ok(await world.call('o-invitee-1', 'user', 'redeemInvite', { code }))).toEqual(first);
    const me = ok(await world.call('o-invitee-1', 'user', 'me'));
    expect(me.roles).toEqual([expect.objectContaining({ role: 'neighbour_head', unitName: '二邻' })]);
    const changes = await world.find('role_changes', { subject: 'o-invitee-1' });
    expect(changes).toEqual([
      expect.objectContaining({ via: 'invite', inviteCode: code, actor: PERSONA.townAdmin, actorName: '黄立新' }),
    ]);
  });

  it('refuses a second person with CONFLICT', async () => {
    const { code } = ok(await invite(PERSONA.villageAdmin, { role: 'member', branchId: BRANCH.xicaoping }));
    await newPerson(world, 'o-invitee-2');
    await newPerson(world, 'o-invitee-3');
    ok(await world.call('o-invitee-2', 'user', 'redeemInvite', { code }));
    const second = await world.call('o-invitee-3', 'user', 'redeemInvite', { code });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('已被其他人使用') },
    });
    expect(ok(await world.call('o-invitee-3', 'user', 'me')).roles).toEqual([]);
  });

  it('refuses an expired invitation with a plain message', async () => {
    const { code } = ok(await invite(PERSONA.villageAdmin, { role: 'group_head', unitId: UNIT.xcpGroup2 }));
    await world.db
      .collection('invites')
      .doc(code)
      .update({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await newPerson(world, 'o-invitee-4');
    const answer = await world.call('o-invitee-4', 'user', 'redeemInvite', { code });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '这个邀请码已过期，请联系管理员重新邀请' },
    });
  });

  it('answers NOT_FOUND for an unknown code, INVALID_ARGUMENT for a malformed one, FORBIDDEN before consent', async () => {
    await newPerson(world, 'o-invitee-5');
    expect(code(await world.call('o-invitee-5', 'user', 'redeemInvite', { code: '22222222' }))).toBe('NOT_FOUND');
    expect(code(await world.call('o-invitee-5', 'user', 'redeemInvite', { code: 'O0I1' }))).toBe('INVALID_ARGUMENT');
    const invitation = ok(await invite(PERSONA.villageAdmin, { role: 'group_head', unitId: UNIT.xcpGroup3 }));
    expect(code(await world.call('o-not-agreed', 'user', 'redeemInvite', { code: invitation.code }))).toBe('FORBIDDEN');
  });

  it('lets exactly one of several people redeeming at once win', async () => {
    const invitation = ok(await invite(PERSONA.villageAdmin, { role: 'group_head', unitId: UNIT.xcpGroup4 }));
    const people = ['o-race-1', 'o-race-2', 'o-race-3', 'o-race-4'];
    for (const p of people) await newPerson(world, p);
    const answers = await Promise.all(
      people.map((p) => world.call(p, 'user', 'redeemInvite', { code: invitation.code })),
    );
    expect(answers.map(code).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const holders = await world.find('users', { 'roles.unitId': UNIT.xcpGroup4 });
    expect(holders).toHaveLength(1);
    expect(await world.find('role_changes', { inviteCode: invitation.code })).toHaveLength(1);
  });
});
