import { startSdkCloud, type SdkCloud } from './helpers/sdk';

/** Writes through the real SDK: add, update operators, set, remove, server dates, types, unique indexes, collections. */
let c: SdkCloud;
const get = async (id: string): Promise<Record<string, unknown>> =>
  (await c.db.collection('docs').doc(id).get()).data as Record<string, unknown>;

beforeAll(async () => {
  c = await startSdkCloud({
    collections: [
      { name: 'docs', indexes: [{ name: 'k', keys: [{ field: 'k', direction: 1 }] }] },
      { name: 'accounts', indexes: [{ name: 'phone_unique', keys: [{ field: 'phone', direction: 1 }], unique: true }] },
    ],
  });
});
afterAll(() => c.cleanup());

describe('update operators', () => {
  const _ = () => c.db.command;
  const cases: [string, Record<string, unknown>, () => Record<string, unknown>, Record<string, unknown>][] = [
    ['$set of a whole object', { o: { a: 1, b: 2 } }, () => ({ o: _().set({ c: 3 }) }), { o: { c: 3 } }],
    [
      'nested object updates only the named sub-field',
      { o: { a: 1, b: 2 } },
      () => ({ o: { b: 5 } }),
      { o: { a: 1, b: 5 } },
    ],
    ['$unset', { a: 1, b: 2 }, () => ({ a: _().remove() }), { b: 2 }],
    ['$inc', { n: 1 }, () => ({ n: _().inc(2.5) }), { n: 3.5 }],
    ['$mul', { n: 3 }, () => ({ n: _().mul(4) }), { n: 12 }],
    ['$min', { n: 3, m: 3 }, () => ({ n: _().min(1), m: _().min(9) }), { n: 1, m: 3 }],
    ['$max', { n: 3, m: 3 }, () => ({ n: _().max(1), m: _().max(9) }), { n: 3, m: 9 }],
    ['$rename', { old: 1 }, () => ({ old: _().rename('fresh') }), { fresh: 1 }],
    ['$push values', { l: [1] }, () => ({ l: _().push([2, 3]) }), { l: [1, 2, 3] }],
    [
      '$push with $each/$position/$sort/$slice',
      { l: [5, 1] },
      () => ({ l: _().push({ each: [3, 4], position: 0, sort: 1, slice: 3 }) }),
      { l: [1, 3, 4] },
    ],
    ['$pop last', { l: [1, 2, 3] }, () => ({ l: _().pop() }), { l: [1, 2] }],
    ['$pop first (shift)', { l: [1, 2, 3] }, () => ({ l: _().shift() }), { l: [2, 3] }],
    ['unshift is $push at position 0', { l: [3] }, () => ({ l: _().unshift([1, 2]) }), { l: [1, 2, 3] }],
    ['$addToSet one value', { l: [1] }, () => ({ l: _().addToSet(2) }), { l: [1, 2] }],
    ['$addToSet with $each', { l: [1, 2] }, () => ({ l: _().addToSet({ $each: [2, 3, 4] }) }), { l: [1, 2, 3, 4] }],
    ['$pull a value', { l: [1, 2, 1, 3] }, () => ({ l: _().pull(1) }), { l: [2, 3] }],
    ['$pull by condition', { l: [1, 5, 9] }, () => ({ l: _().pull(_().gt(4)) }), { l: [1] }],
    ['$pullAll', { l: [1, 2, 3, 2] }, () => ({ l: _().pullAll([2, 3]) }), { l: [1] }],
  ];
  test.each(cases)('%s', async (name, start, update, expected) => {
    const id = `u-${name.replace(/\W+/g, '-')}`;
    await c.db.collection('docs').add({ data: { _id: id, ...start } });
    const res = await c.db.collection('docs').doc(id).update({ data: update() });
    expect(res.stats.updated).toBe(1);
    expect(await get(id)).toEqual({ _id: id, ...expected });
  });
});

describe('documents', () => {
  test('doc.set replaces the document (creating it if absent), doc.update of a missing one changes nothing', async () => {
    const created = await c.db
      .collection('docs')
      .doc('s1')
      .set({ data: { a: 1, b: 2 } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = await c.db
      .collection('docs')
      .doc('s1')
      .set({ data: { c: 3 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect(await get('s1')).toEqual({ _id: 's1', c: 3 });
    // Like Mongo's nModified, an update that changes nothing counts 0.
    expect(
      (
        await c.db
          .collection('docs')
          .doc('s1')
          .update({ data: { c: 3 } })
      ).stats.updated,
    ).toBe(0);
    const missing = await c.db
      .collection('docs')
      .doc('none')
      .update({ data: { a: 1 } });
    expect(missing.stats.updated).toBe(0);
    await expect(c.db.collection('docs').doc('none').get()).rejects.toThrow('does not exist');
  });

  test('where().update and where().remove act on every match and count them', async () => {
    await c.db.collection('docs').add({
      data: [
        { k: 'batch', v: 1 },
        { k: 'batch', v: 2 },
        { k: 'batch', v: 3 },
        { k: 'other', v: 4 },
      ],
    });
    const up = await c.db
      .collection('docs')
      .where({ k: 'batch', v: c.db.command.gte(2) })
      .update({ data: { flag: true } });
    expect(up.stats.updated).toBe(2);
    expect((await c.db.collection('docs').where({ flag: true }).count()).total).toBe(2);
    // Index keys follow updates: the indexed field's new value is found, the old one no longer.
    await c.db
      .collection('docs')
      .where({ k: 'other' })
      .update({ data: { k: 'moved' } });
    expect((await c.db.collection('docs').where({ k: 'moved' }).get()).data.map((d) => d.v)).toEqual([4]);
    expect((await c.db.collection('docs').where({ k: 'other' }).count()).total).toBe(0);
    const rm = await c.db.collection('docs').where({ k: 'batch' }).remove();
    expect(rm.stats.removed).toBe(3);
    expect((await c.db.collection('docs').where({ k: 'batch' }).count()).total).toBe(0);
    const one = await c.db.collection('docs').doc('s1').remove();
    expect(one.stats.removed).toBe(1);
  });

  test('server dates are substituted in add and update; dates and numbers round-trip with their types', async () => {
    const before = Date.now();
    const { _id } = await c.db.collection('docs').add({
      data: {
        at: c.db.serverDate(),
        // The SDK's typings omit serverDate's offset option, which its runtime supports and sends.
        later: (c.db.serverDate as unknown as (options: { offset: number }) => unknown)({ offset: 60_000 }),
        d: new Date('2024-01-01T08:00:00Z'),
        i: 7,
        f: 1.5,
        big: 2 ** 40,
        neg: -3,
        nested: { when: new Date(0) },
      },
    });
    const after = Date.now();
    const doc = await get(String(_id));
    expect(doc.at).toBeInstanceOf(Date);
    expect((doc.at as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect((doc.at as Date).getTime()).toBeLessThanOrEqual(after);
    expect((doc.later as Date).getTime() - (doc.at as Date).getTime()).toBe(60_000);
    expect(doc.d).toEqual(new Date('2024-01-01T08:00:00Z'));
    expect(doc).toMatchObject({ i: 7, f: 1.5, big: 2 ** 40, neg: -3, nested: { when: new Date(0) } });
    await c.db
      .collection('docs')
      .doc(String(_id))
      .update({ data: { touched: c.db.serverDate() } });
    expect(((await get(String(_id))).touched as Date).getTime()).toBeGreaterThanOrEqual(after);
    // Generated ids are strings.
    expect(typeof _id).toBe('string');
  });

  test('updateAndReturn (wire: modifyAndReturnDoc) returns the updated document', async () => {
    await c.db.collection('docs').add({ data: { _id: 'r1', k: 'ret', n: 1 } });
    const res = await c.cloud.db.handle({
      action: 'database.modifyAndReturnDoc',
      collectionName: 'docs',
      queryType: 'WHERE',
      query: JSON.stringify({ k: 'ret' }),
      data: JSON.stringify({ $inc: { n: 1 } }),
    });
    expect((res.data as { updated: number }).updated).toBe(1);
    expect(JSON.parse((res.data as { doc: string }).doc)).toEqual({ _id: 'r1', k: 'ret', n: { $numberInt: '2' } });
  });
});

describe('unique indexes and collections', () => {
  test('a duplicate on a unique index or _id is refused and writes nothing', async () => {
    await c.db.collection('accounts').add({ data: { _id: 'x1', phone: '138' } });
    await expect(c.db.collection('accounts').add({ data: { phone: '138' } })).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('E11000 duplicate key'),
    });
    await expect(c.db.collection('accounts').add({ data: { _id: 'x1', phone: '139' } })).rejects.toMatchObject({
      errCode: -502001,
    });
    // A batch with one duplicate writes none of it.
    await expect(c.db.collection('accounts').add({ data: [{ phone: '150' }, { phone: '138' }] })).rejects.toMatchObject(
      { errCode: -502001 },
    );
    expect((await c.db.collection('accounts').count()).total).toBe(1);
    // An update into a taken value is refused too.
    await c.db.collection('accounts').add({ data: { _id: 'x2', phone: '200' } });
    await expect(
      c.db
        .collection('accounts')
        .doc('x2')
        .update({ data: { phone: '138' } }),
    ).rejects.toMatchObject({ errCode: -502001 });
    expect((await c.db.collection('accounts').doc('x2').get()).data.phone).toBe('200');
  });

  test('createCollection adds a collection that can then be used; creating it twice fails', async () => {
    await expect(c.db.collection('fresh').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await c.db.createCollection('fresh');
    await c.db.collection('fresh').add({ data: { a: 1 } });
    expect((await c.db.collection('fresh').count()).total).toBe(1);
    await expect(c.db.createCollection('fresh')).rejects.toThrow('Table exist');
  });
});
