import { activityApi } from '@/api/activity';
import { pledgeApi } from '@/api/pledge';
import { userApi } from '@/api/user';

/** The app's API built from the contracts: each call posts its action by name (fetch is a stub, as in transport.test). */
function recordPosts() {
  const posts: { url: string; body: unknown }[] = [];
  globalThis.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    posts.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify({ ok: true, data: null }), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return posts;
}

test('a call posts its input with the action’s name to its function', async () => {
  const posts = recordPosts();
  await pledgeApi.get({ id: 'p1' });
  await userApi.me();
  await activityApi.myHistory();
  await activityApi.branchMonth({ branchId: 'b1', month: '2026-11' });
  expect(posts).toEqual([
    { url: '/api/pledge', body: { id: 'p1', action: 'get' } },
    { url: '/api/user', body: { action: 'me' } },
    { url: '/api/activity', body: { view: 'mine', action: 'list' } },
    { url: '/api/activity', body: { view: 'branch', branchId: 'b1', month: '2026-11', action: 'month' } },
  ]);
});

test('the app gets a call for every action it may call, and none for a timer or a push', () => {
  expect(Object.keys(pledgeApi)).toEqual(expect.arrayContaining(['create', 'addFulfilment', 'rate', 'list']));
  expect(Object.keys(pledgeApi)).toHaveLength(11);
  expect(Object.keys(userApi)).not.toContain('erase');
  expect(Object.keys(userApi)).not.toContain('wxa_media_check');
  expect(Object.keys(activityApi)).not.toContain('remindTomorrow');
});
