import { PERSONA, UNIT } from '../../emulator/seed/ids';
import { code, newPerson, ok, rid, startDemoWorld, type DemoWorld, type Envelope } from './user/world';

/**
 * Limits against abuse, through the local cloud: each answers RATE_LIMITED with a Chinese message that says
 * when to try again, each counts per person (or per unit), so one person's abuse never locks out anyone else —
 * the town's own admins included. Where a limit needs many earlier uses, they are written straight into the
 * database (as earlier calls would have left them), so no test depends on how fast the machine is.
 */
let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('limits');
});
afterAll(() => world?.stop());

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** A RATE_LIMITED answer whose Chinese message says from when (HH:mm) to try again. */
function expectRateLimited(answer: Envelope): void {
  expect(code(answer)).toBe('RATE_LIMITED');
  if (answer.ok) return;
  expect(answer.error.message).toMatch(/请在\d{2}:\d{2}以后再试/);
}

describe('invitation-code guessing', () => {
  it('refuses a person after 5 wrong codes within the hour, even a right one; others are not locked out', async () => {
    const guesser = 'o-limits-guesser';
    await newPerson(world, guesser);
    for (const guess of ['22222222', '33333333', '44444444', '55555555', '66666666']) {
      expect(code(await world.call(guesser, 'user', 'redeemInvite', { code: guess }))).toBe('NOT_FOUND');
    }
    const invite = ok(
      await world.call(PERSONA.villageAdmin, 'user', 'createInvite', {
        requestId: rid(),
        role: 'group_head',
        unitId: UNIT.xcpGroup2,
      }),
    );
    expectRateLimited(await world.call(guesser, 'user', 'redeemInvite', { code: '77777777' }));
    expectRateLimited(await world.call(guesser, 'user', 'redeemInvite', { code: invite.code }));

    // The town admin (and anyone else) guesses and redeems on their own count.
    expect(code(await world.call(PERSONA.townAdmin, 'user', 'redeemInvite', { code: '88888888' }))).toBe('NOT_FOUND');
    const invitee = 'o-limits-invitee';
    await newPerson(world, invitee);
    ok(await world.call(invitee, 'user', 'redeemInvite', { code: invite.code }));
  });

  it('counts guesses sent at once one by one: at most 5 of 12 are looked up', async () => {
    const guesser = 'o-limits-parallel';
    await newPerson(world, guesser);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        world.call(guesser, 'user', 'redeemInvite', { code: `${'ABCDEFGHJK'[i % 10]}2345678` }),
      ),
    );
    const codes = answers.map(code);
    expect(codes.filter((c) => c === 'NOT_FOUND').length).toBeLessThanOrEqual(5);
    expect(codes.every((c) => ['NOT_FOUND', 'RATE_LIMITED', 'CONFLICT'].includes(c))).toBe(true);
    expectRateLimited(await world.call(guesser, 'user', 'redeemInvite', { code: 'ZZZZ2345' }));
  });
});

/** Requests the person submitted earlier, as submit leaves them (only the fields the limit reads matter). */
async function earlierRequests(openid: string, n: number, at: Date): Promise<string[]> {
  const ids = Array.from({ length: n }, () => rid('early'));
  for (const _id of ids) {
    await world.db.collection('requests').add({
      data: { _id, submitter: openid, participants: [openid], createdAt: at, text: '早先的诉求', state: 'submitted' },
    });
  }
  return ids;
}

describe('request submits per person per hour', () => {
  const submit = (openid: string, requestId = rid()) =>
    world.call(openid, 'request', 'submit', { requestId, category: 'help', text: '村口的路灯又坏了' });

  it('refuses the 61st submit of the hour; a retry of one already made still answers it; others are not limited', async () => {
    const flooder = 'o-limits-flooder';
    await newPerson(world, flooder, { homeUnitId: UNIT.xcpNeighbourhood1 });
    const made = ok(await submit(flooder));
    await earlierRequests(flooder, 59, minutesAgo(30));
    expectRateLimited(await submit(flooder));
    expect(await world.find('requests', { submitter: flooder })).toHaveLength(60);
    // The first one, sent again: the record it made, not a refusal.
    expect(ok(await submit(flooder, made.id))).toMatchObject({ id: made.id, created: false });
    ok(await submit(PERSONA.villager));
  });

  it('counts only the last hour', async () => {
    const steady = 'o-limits-steady';
    await newPerson(world, steady, { homeUnitId: UNIT.xcpNeighbourhood1 });
    await earlierRequests(steady, 60, minutesAgo(61));
    ok(await submit(steady));
  });
});

describe('comments per person per hour', () => {
  it('refuses the 61st comment of the hour; someone else may still comment', async () => {
    const id = ok(
      await world.call(PERSONA.villager, 'request', 'submit', { requestId: rid(), category: 'help', text: '井水浑了' }),
    ).id as string;
    const chatter = PERSONA.villager;
    for (let i = 0; i < 60; i += 1) {
      await world.db.collection('timeline').add({
        data: {
          subject: 'request',
          subjectId: id,
          event: 'comment',
          actor: chatter,
          at: minutesAgo(20),
          note: '早先的留言',
          unitPath: [],
        },
      });
    }
    expectRateLimited(await world.call(chatter, 'request', 'comment', { id, requestId: rid(), text: '还有人管吗' }));
    ok(await world.call(PERSONA.neighbourHead, 'request', 'comment', { id, requestId: rid(), text: '明天去看' }));
  });
});

describe('exports per unit', () => {
  const exportAs = (openid: string, unitId: string) =>
    world.call(openid, 'stats', 'export', {
      unitId,
      period: { kind: 'month', month: new Date().toISOString().slice(0, 7) },
    });

  it('one export of a unit at a time; the slot frees when it ends', async () => {
    ok(await exportAs(PERSONA.villageAdmin, UNIT.xicaoping));
    ok(await exportAs(PERSONA.villageAdmin, UNIT.xicaoping));
  });

  it('refuses while an export of the unit runs, saying when; the town admins keep a lane of their own', async () => {
    // An export of 西草坪村 running now (its slot held for the next minute).
    await world.db
      .collection('limits')
      .doc(`export:${UNIT.xicaoping}:unit`)
      .set({ data: { runningUntil: new Date(Date.now() + 60_000), holder: 'someone-else' } });
    expectRateLimited(await exportAs(PERSONA.villageAdmin, UNIT.xicaoping));
    ok(await exportAs(PERSONA.townAdmin, UNIT.xicaoping));
    // Another village's admin is not held up by it.
    ok(await exportAs(PERSONA.otherVillageAdmin, UNIT.shizhou));
    // A slot whose holder died frees itself when its time is up.
    await world.db
      .collection('limits')
      .doc(`export:${UNIT.xicaoping}:unit`)
      .set({ data: { runningUntil: new Date(Date.now() - 1000), holder: 'someone-else' } });
    ok(await exportAs(PERSONA.villageAdmin, UNIT.xicaoping));
  });
});
