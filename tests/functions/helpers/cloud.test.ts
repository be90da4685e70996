import { InvocationError, callAs, fireTimer, outbox, testDb, testSdk, uniqueId, uniqueUnitTree } from './cloud';

/** The helpers every function test uses work against the shared local cloud of the global setup. */
describe('function-test helpers', () => {
  test('callAs reaches a built function as the given user', async () => {
    const answer = await callAs<{ ok: boolean }>(uniqueId('o'), 'user', { action: 'me' });
    expect(typeof answer.ok).toBe('boolean');
  });

  test('callAs reports a failed invocation as an InvocationError', async () => {
    await expect(callAs('o-x', 'no-such-function')).rejects.toBeInstanceOf(InvocationError);
    await expect(fireTimer('user', 'no-such-trigger')).rejects.toMatchObject({ status: 404 });
  });

  test('uniqueUnitTree writes a fresh tree the test database handle reads back', async () => {
    const tree = await uniqueUnitTree();
    expect(tree.neighbourhood.path).toEqual([
      tree.town._id,
      tree.village._id,
      tree.block._id,
      tree.group._id,
      tree.neighbourhood._id,
    ]);
    const answer = await testDb().collection('units').doc(tree.group._id).get();
    expect(answer).toMatchObject({ data: { name: '测试组' } });
  });

  test('outbox lists what the cloud received, filtered by addressee', async () => {
    const touser = uniqueId('o');
    await testSdk().openapi.subscribeMessage.send({
      touser,
      templateId: 'local-test',
      data: { thing1: { value: '测试' } },
    });
    expect(await outbox(touser)).toEqual([expect.objectContaining({ touser, templateId: 'local-test' })]);
  });
});
