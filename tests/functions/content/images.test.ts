import { callAs, mediaChecks, testDb, testSdk, uniqueId, uniqueUnitTree } from '../helpers/cloud';

/**
 * Image content security end to end: a stored photo goes to mediaCheckAsync, WeChat's verdict comes back as a
 * message push to `user`, and a refused photo comes off the record it was on and out of storage, while a passed
 * one stays. (The local cloud judges a path containing REJECTED-IMAGE risky.)
 */
async function upload(name: string): Promise<string> {
  const result = (await testSdk().uploadFile({
    cloudPath: `tests/${uniqueId('img')}/${name}`,
    fileContent: Buffer.from('\x89PNG\r\n\x1a\n'),
  })) as { fileID: string };
  return result.fileID;
}

/** Is the file still in cloud storage? */
async function inStorage(fileID: string): Promise<boolean> {
  try {
    await testSdk().downloadFile({ fileID });
    return true;
  } catch {
    return false;
  }
}

interface Envelope<T> {
  ok: boolean;
  data: T;
}

it('takes a refused photo off a submitted request and keeps the others', async () => {
  const tree = await uniqueUnitTree('图片');
  const villager = uniqueId('o-villager');
  await testDb()
    .collection('users')
    .add({
      data: {
        _id: villager,
        nickname: '王大妈',
        avatarUrl: '',
        homeUnitId: tree.neighbourhood._id,
        homeUnitPath: tree.neighbourhood.path,
        roles: [],
        privacyAcceptedAt: new Date(),
        createdAt: new Date(),
      },
    });
  const good = await upload('drain.png');
  const bad = await upload('REJECTED-IMAGE.png');

  const answer = await callAs<Envelope<{ id: string }>>(villager, 'request', {
    action: 'submit',
    requestId: uniqueId('req-images'),
    category: 'help',
    text: '村口水沟堵了，下雨就漫到路上',
    photos: [good, bad],
  });
  expect(answer.ok).toBe(true);

  const { data } = (await testDb().collection('requests').doc(answer.data.id).get()) as unknown as {
    data: { photos: string[]; rejectedPhotos?: string[] };
  };
  expect(data.photos).toEqual([good]);
  expect(data.rejectedPhotos).toBeUndefined();
  expect(await inStorage(good)).toBe(true);
  expect(await inStorage(bad)).toBe(false);
});

it('refuses the verdict handler to a user calling it like an action', async () => {
  const answer = await callAs<{ ok: boolean; error: { code: string } }>(uniqueId('o-user'), 'user', {
    action: 'wxa_media_check',
    trace_id: 'anything',
    result: { suggest: 'risky' },
  });
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

it('refuses a verdict push forged by a user: a call carrying their OPENID is never the push', async () => {
  const tree = await uniqueUnitTree('伪造');
  const villager = uniqueId('o-forger');
  await testDb()
    .collection('users')
    .add({
      data: {
        _id: villager,
        nickname: '孙大爷',
        avatarUrl: '',
        homeUnitId: tree.neighbourhood._id,
        homeUnitPath: tree.neighbourhood.path,
        roles: [],
        privacyAcceptedAt: new Date(),
        createdAt: new Date(),
      },
    });
  const photo = await upload('well.png');
  const answer = await callAs<Envelope<{ id: string }>>(villager, 'request', {
    action: 'submit',
    requestId: uniqueId('req-forged'),
    category: 'help',
    text: '井盖松了，走过去会响',
    photos: [photo],
  });
  expect(answer.ok).toBe(true);
  const check = mediaChecks().find((c) => c.openid === villager);
  expect(check).toBeDefined();

  const forged = await callAs<{ ok: boolean; error: { code: string } }>(villager, 'user', {
    ToUserName: 'gh_local',
    FromUserName: villager,
    MsgType: 'event',
    Event: 'wxa_media_check',
    trace_id: check!.traceId,
    result: { suggest: 'risky', label: 20001 },
  });
  expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const { data } = (await testDb().collection('requests').doc(answer.data.id).get()) as unknown as {
    data: { photos: string[] };
  };
  expect(data.photos).toEqual([photo]);
  expect(await inStorage(photo)).toBe(true);
});

it('takes a refused avatar off the profile when the verdict comes, and keeps a passed one', async () => {
  const person = uniqueId('o-avatar');
  await testDb()
    .collection('users')
    .add({
      data: {
        _id: person,
        nickname: '李阿姨',
        avatarUrl: '',
        homeUnitId: null,
        homeUnitPath: [],
        roles: [],
        privacyAcceptedAt: new Date(),
        createdAt: new Date(),
      },
    });
  const stored = async () =>
    (
      (await testDb().collection('users').doc(person).get()) as unknown as {
        data: { avatarUrl: string };
      }
    ).data;

  const bad = await upload('REJECTED-IMAGE-avatar.png');
  const refused = await callAs<Envelope<{ avatarUrl: string }>>(person, 'user', {
    action: 'updateProfile',
    avatarUrl: bad,
  });
  expect(refused).toMatchObject({ ok: true, data: { avatarUrl: bad } });
  expect(await stored()).toMatchObject({ avatarUrl: '' });
  expect(await inStorage(bad)).toBe(false);

  const good = await upload('avatar.png');
  expect((await callAs<Envelope<unknown>>(person, 'user', { action: 'updateProfile', avatarUrl: good })).ok).toBe(true);
  expect(await stored()).toMatchObject({ avatarUrl: good });
  expect(await inStorage(good)).toBe(true);
});
