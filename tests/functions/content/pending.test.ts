import fs from 'node:fs';
import { mediaCheckOutageFile } from '../../../emulator/openapi/records';
import { residentsPledge, todayShanghai } from '../stats/world';
import { B1, P, TOWN, V1, ok, rid, startWorld, type World } from '../request/world';

/**
 * A stored photo reaches others only after WeChat's image check passed it: until the verdict its uploader and the
 * people who handle the record see it (named as pending, for the 图片审核中 note), everyone else does not; a pass
 * shows it to them, a refusal takes it off and out of storage. The checks are held back by an outage of the check
 * (in a cloud of its own) and started by the retry timer, so the verdict comes when the test says.
 */
let w: World;

beforeAll(async () => {
  w = await startWorld('pending-photos');
  await w.db
    .collection('branches')
    .add({ data: { _id: B1, name: '西草坪村党支部', unitId: V1, unitPath: [TOWN, V1] } });
});

afterAll(async () => {
  await w?.stop();
});

const holdChecks = () => fs.writeFileSync(mediaCheckOutageFile(w.dataDir), '');
async function releaseChecks() {
  fs.rmSync(mediaCheckOutageFile(w.dataDir));
  ok(await w.fire('user', 'retryImageChecks'));
}

async function inStorage(fileID: string): Promise<boolean> {
  return w.sdk.downloadFile({ fileID }).then(
    () => true,
    () => false,
  );
}

describe('a fulfilment’s photos on the public pledge wall', () => {
  let pledgeId: string;
  const fulfilment = async (photo: string) =>
    ok(
      await w.call(
        'pledge',
        'addFulfilment',
        {
          id: pledgeId,
          requestId: rid(),
          day: todayShanghai(),
          text: '帮王奶奶买了米和菜',
          peopleHelped: 1,
          photos: [photo],
        },
        P.member,
      ),
    );
  const photosSeenBy = async (openid: string) =>
    (
      ok(await w.call('pledge', 'get', { id: pledgeId }, openid)).fulfilments as Array<{
        photos: string[];
        pendingPhotos?: string[];
      }>
    ).map((f) => ({ photos: f.photos, pending: f.pendingPhotos ?? [] }));

  beforeAll(async () => {
    pledgeId = ok(await w.call('pledge', 'create', residentsPledge(), P.member)).id as string;
    ok(await w.call('pledge', 'review', { id: pledgeId, decision: 'approve' }, P.secretary));
  });

  it('hides a pending photo from a villager, shows it to its owner and the branch as pending, then to all once passed', async () => {
    const photo = await w.upload('pending/fulfilment.png');
    holdChecks();
    await fulfilment(photo);
    expect(await photosSeenBy(P.villager)).toEqual([{ photos: [], pending: [] }]);
    expect(await photosSeenBy(P.member)).toEqual([{ photos: [photo], pending: [photo] }]);
    expect(await photosSeenBy(P.secretary)).toEqual([{ photos: [photo], pending: [photo] }]);

    await releaseChecks();
    expect(await photosSeenBy(P.villager)).toEqual([{ photos: [photo], pending: [] }]);
    expect(await photosSeenBy(P.member)).toEqual([{ photos: [photo], pending: [] }]);
  });

  it('takes a refused photo off for everyone, and out of storage', async () => {
    const photo = await w.upload('pending/REJECTED-IMAGE.png');
    holdChecks();
    await fulfilment(photo);
    expect((await photosSeenBy(P.villager))[1]).toEqual({ photos: [], pending: [] });
    expect((await photosSeenBy(P.member))[1]).toEqual({ photos: [photo], pending: [photo] });

    await releaseChecks();
    for (const who of [P.villager, P.member]) expect((await photosSeenBy(who))[1]).toEqual({ photos: [], pending: [] });
    expect(await inStorage(photo)).toBe(false);
  });
});

describe('a request’s result photos', () => {
  it('hides pending result photos from the resident, shows them to the handler as pending, and to the resident once passed', async () => {
    const id = ok(
      await w.call('request', 'submit', { requestId: rid(), category: 'help', text: '村口路灯坏了' }, P.villager),
    ).id as string;
    ok(await w.call('request', 'accept', { id }, P.head1));
    const photo = await w.upload('pending/result.png');
    holdChecks();
    ok(await w.call('request', 'resolve', { id, result: '已经换了新灯泡', photos: [photo] }, P.head1));
    const resultSeenBy = async (openid: string) =>
      (ok(await w.call('request', 'get', { id }, openid)) as { result: { photos: string[]; pendingPhotos?: string[] } })
        .result;

    expect(await resultSeenBy(P.villager)).toEqual({ text: '已经换了新灯泡', photos: [] });
    expect(await resultSeenBy(P.head1)).toEqual({ text: '已经换了新灯泡', photos: [photo], pendingPhotos: [photo] });

    await releaseChecks();
    expect(await resultSeenBy(P.villager)).toEqual({ text: '已经换了新灯泡', photos: [photo] });
  });

  it('shows the resident their own pending photos, marked as pending', async () => {
    const photo = await w.upload('pending/own.png');
    holdChecks();
    const id = ok(
      await w.call(
        'request',
        'submit',
        { requestId: rid(), category: 'help', text: '水沟堵了', photos: [photo] },
        P.villager,
      ),
    ).id as string;
    expect(ok(await w.call('request', 'get', { id }, P.villager))).toMatchObject({
      photos: [photo],
      pendingPhotos: [photo],
    });
    await releaseChecks();
    const after = ok(await w.call('request', 'get', { id }, P.villager));
    expect(after.photos).toEqual([photo]);
    expect(after.pendingPhotos).toBeUndefined();
  });
});

describe('a new avatar', () => {
  it('is shown to the admins of the person’s village only once it passed', async () => {
    const avatar = await w.upload('pending/avatar.png');
    holdChecks();
    ok(await w.call('user', 'updateProfile', { avatarUrl: avatar }, P.villager));
    const avatarSeenBy = async (openid: string) =>
      (
        ok(await w.call('user', 'listPeople', { unitId: V1, size: 50 }, openid)).items as Array<{
          openid: string;
          avatarUrl: string;
        }>
      ).find((p) => p.openid === P.villager)?.avatarUrl;
    expect(await avatarSeenBy(P.villageAdmin)).toBe('');
    expect(ok(await w.call('user', 'me', {}, P.villager)).avatarUrl).toBe(avatar);

    await releaseChecks();
    expect(await avatarSeenBy(P.villageAdmin)).toBe(avatar);
  });
});
