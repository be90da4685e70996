import { startSdkCloud, type SdkCloud } from './helpers/sdk';

/** Query operators, regexes, projection, sort, pagination and the cloud's limits, through the real SDK. */
let c: SdkCloud;
const ids = (res: { data: { _id?: unknown }[] }): string[] => res.data.map((d) => String(d._id)).sort();

beforeAll(async () => {
  c = await startSdkCloud({
    collections: [
      {
        name: 'items',
        indexes: [
          {
            name: 'cat_n',
            keys: [
              { field: 'cat', direction: 1 },
              { field: 'n', direction: -1 },
            ],
          },
        ],
      },
      {
        name: 'pages',
        indexes: [
          {
            name: 'cat_n',
            keys: [
              { field: 'cat', direction: 1 },
              { field: 'n', direction: -1 },
            ],
          },
        ],
      },
      { name: 'big' },
    ],
  });
  const items = c.db.collection('items');
  // Mixed types on purpose, in indexed fields too: a string '3' beside numbers, an array of numbers, an array of categories.
  await items.add({
    data: {
      _id: 'a',
      n: 1,
      s: 'apple',
      tags: ['x', 'y'],
      cat: 'fruit',
      o: { p: 1 },
      e: [{ q: 1 }, { q: 5 }],
      d: new Date('2024-01-01T00:00:00Z'),
    },
  });
  await items.add({
    data: {
      _id: 'b',
      n: 2,
      s: 'Banana',
      tags: ['y'],
      cat: 'fruit',
      o: { p: 6 },
      e: [{ q: 0 }],
      d: new Date('2024-06-01T00:00:00Z'),
      opt: null,
    },
  });
  await items.add({
    data: {
      _id: 'c',
      n: 3,
      s: 'carrot',
      tags: ['x', 'y', 'z'],
      cat: 'veg',
      o: { p: 3 },
      e: [],
      d: new Date('2025-01-01T00:00:00Z'),
      opt: 'here',
    },
  });
  await items.add({ data: { _id: 'd', n: '3', s: 'date', tags: [], cat: 'veg' } });
  await items.add({ data: { _id: 'e', n: [1, 10], s: 'egg', cat: ['fruit', 'veg'] } });
  const pages = Array.from({ length: 1100 }, (_, i) => ({
    _id: `p${String(i).padStart(4, '0')}`,
    cat: i % 2 ? 'odd' : 'even',
    n: i,
  }));
  for (let i = 0; i < pages.length; i += 500) await c.db.collection('pages').add({ data: pages.slice(i, i + 500) });
});
afterAll(() => c.cleanup());

describe('query operators', () => {
  const cases: [string, () => Record<string, unknown>, string[]][] = [
    ['equality matches scalars and array elements', () => ({ n: 1 }), ['a', 'e']],
    ['$eq does not cross types', () => ({ n: c.db.command.eq(3) }), ['c']],
    ['$ne', () => ({ n: c.db.command.neq(3) }), ['a', 'b', 'd', 'e']],
    ['$gt on numbers only (type bracketing)', () => ({ n: c.db.command.gt(2) }), ['c', 'e']],
    ['$gte', () => ({ n: c.db.command.gte(2) }), ['b', 'c', 'e']],
    ['$lt', () => ({ n: c.db.command.lt(2) }), ['a', 'e']],
    ['$lte', () => ({ n: c.db.command.lte(1) }), ['a', 'e']],
    ['$in mixing types', () => ({ n: c.db.command.in([2, '3']) }), ['b', 'd']],
    ['$nin', () => ({ n: c.db.command.nin([1, 2]) }), ['c', 'd']],
    [
      '$and of ranges (each may match a different element)',
      () => ({ n: c.db.command.gt(1).and(c.db.command.lt(3)) }),
      ['b', 'e'],
    ],
    ['$or', () => c.db.command.or([{ s: 'apple' }, { n: 3 }]) as unknown as Record<string, unknown>, ['a', 'c']],
    ['$nor', () => c.db.command.nor([{ s: 'apple' }, { n: 3 }]) as unknown as Record<string, unknown>, ['b', 'd', 'e']],
    ['$not', () => ({ n: c.db.command.not(c.db.command.gt(1)) }), ['a', 'd']],
    ['$exists true counts null', () => ({ opt: c.db.command.exists(true) }), ['b', 'c']],
    ['$exists false', () => ({ opt: c.db.command.exists(false) }), ['a', 'd', 'e']],
    ['null matches null and missing', () => ({ opt: null }), ['a', 'b', 'd', 'e']],
    ['$all', () => ({ tags: c.db.command.all(['x', 'y']) }), ['a', 'c']],
    ['$elemMatch', () => ({ e: c.db.command.elemMatch({ q: c.db.command.gt(2) }) }), ['a']],
    ['$size', () => ({ tags: c.db.command.size(2) }), ['a']],
    ['dot path', () => ({ 'o.p': c.db.command.gte(3) }), ['b', 'c']],
    ['nested object query flattens to a dot path', () => ({ o: { p: 6 } }), ['b']],
    ['dates compare as dates', () => ({ d: c.db.command.gt(new Date('2024-03-01T00:00:00Z')) }), ['b', 'c']],
    ['JS regular expression', () => ({ s: /^b/i }), ['b']],
    ['db.RegExp', () => ({ s: c.db.RegExp({ regexp: '^c', options: '' }) }), ['c']],
    ['db.RegExp with options', () => ({ s: c.db.RegExp({ regexp: 'RR', options: 'i' }) }), ['c']],
    ['indexed equality also matches arrays containing the value', () => ({ cat: 'fruit' }), ['a', 'b', 'e']],
    ['indexed $in and range together', () => ({ cat: c.db.command.in(['veg']), n: c.db.command.gte(3) }), ['c', 'e']],
  ];
  test.each(cases)('%s', async (_name, query, expected) => {
    expect(ids(await c.db.collection('items').where(query()).get())).toEqual(expected);
  });
});

describe('sort, projection, pagination', () => {
  test('orderBy on several fields, skip and limit', async () => {
    const res = await c.db.collection('items').where({ s: /./ }).orderBy('cat', 'asc').orderBy('s', 'desc').get();
    // Mongo sorts an array by its smallest element ascending (e's cat ['fruit','veg'] sorts as 'fruit'),
    // and strings by their bytes ('apple' > 'Banana').
    expect(res.data.map((d) => d._id)).toEqual(['e', 'a', 'b', 'd', 'c']);
    const page = await c.db.collection('items').orderBy('s', 'asc').skip(1).limit(2).get();
    expect(page.data.map((d) => d.s)).toEqual(['apple', 'carrot']);
  });

  test('projection includes, excludes and slices', async () => {
    const inc = await c.db.collection('items').doc('a').field({ s: true }).get();
    expect(inc.data).toEqual({ _id: 'a', s: 'apple' });
    const exc = await c.db
      .collection('items')
      .where({ _id: 'a' })
      .field({ e: false, o: false, tags: false, d: false })
      .get();
    expect(exc.data).toEqual([{ _id: 'a', n: 1, s: 'apple', cat: 'fruit' }]);
    const sliced = await c.db
      .collection('items')
      .where({ _id: 'c' })
      .field({ tags: c.db.command.project.slice(2) })
      .get();
    expect(sliced.data[0].tags).toEqual(['x', 'y']);
  });

  test('indexed list page: equality on the leading field, order on the next', async () => {
    const res = await c.db.collection('pages').where({ cat: 'even' }).orderBy('n', 'desc').skip(20).limit(20).get();
    const expected = Array.from({ length: 20 }, (_, i) => 1098 - 2 * (20 + i));
    expect(res.data.map((d) => d.n)).toEqual(expected);
    const cursor = await c.db
      .collection('pages')
      .where({ cat: 'odd', n: c.db.command.lt(101) })
      .orderBy('n', 'desc')
      .limit(3)
      .get();
    expect(cursor.data.map((d) => d.n)).toEqual([99, 97, 95]);
  });

  test('default limit is 100 and the maximum 1000', async () => {
    expect((await c.db.collection('pages').get()).data).toHaveLength(100);
    expect((await c.db.collection('pages').limit(1000).get()).data).toHaveLength(1000);
    // The SDK itself caps at 1000; the server caps a larger wire limit too.
    const raw = await c.cloud.db.handle({
      action: 'database.getDocument',
      collectionName: 'pages',
      queryType: 'WHERE',
      limit: 5000,
    });
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000);
    expect((await c.db.collection('pages').count()).total).toBe(1100);
    expect((await c.db.collection('pages').where({ cat: 'odd' }).count()).total).toBe(550);
  });
});

describe("the cloud's refusals", () => {
  test('reading or writing an undeclared collection fails with -502005', async () => {
    const message =
      '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.';
    await expect(c.db.collection('nope').get()).rejects.toMatchObject({
      errCode: -502005,
      errMsg: expect.stringContaining(message),
    });
    await expect(c.db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await expect(
      c.db
        .collection('nope')
        .doc('x')
        .update({ data: { a: 1 } }),
    ).rejects.toMatchObject({ errCode: -502005 });
    // The SDK's aggregate wrapper drops the code and keeps the message.
    await expect(c.db.collection('nope').aggregate().match({}).end()).rejects.toThrow('[ResourceNotFound]');
  });

  test('doc(id).get() on a missing document throws', async () => {
    await expect(c.db.collection('items').doc('zzz').get()).rejects.toThrow('document with _id zzz does not exist');
  });

  test('a result over 1 MB fails; a smaller page of the same data succeeds', async () => {
    const blob = 'x'.repeat(400 * 1024);
    await c.db.collection('big').add({ data: [{ blob }, { blob }, { blob }] });
    await expect(c.db.collection('big').get()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('exceed limit (1MB)'),
    });
    expect((await c.db.collection('big').limit(2).get()).data).toHaveLength(2);
    expect((await c.db.collection('big').field({ blob: false }).get()).data).toHaveLength(3);
  });
});
