import { EJSON } from 'bson';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Query, find } from 'mingo';
import { resolve } from 'mingo/util';
import { openDatabase, type LocalDatabase } from '../../emulator/db';
import { prefilter } from '../../emulator/db/keys';

/**
 * The SQL prefilter, SQL ordering and SQL counting on indexed fields must give exactly what mingo gives
 * over every document, whatever the types in the indexed fields (numbers, numeric strings, dates,
 * booleans, null, missing, arrays, objects). Randomised against mingo over the whole collection.
 */
let db: LocalDatabase;
let dataDir: string;
/** 'mixed' has arrays and objects in indexed fields (mingo sorts); 'scalar' has none (SQLite sorts). */
const docs: Record<'mixed' | 'scalar', Record<string, unknown>[]> = { mixed: [], scalar: [] };

// A small deterministic PRNG so a failure reproduces.
let seed = 42;
const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(values: T[]): T => values[Math.floor(rand() * values.length)];
const SCALARS: unknown[] = [
  0,
  1,
  2,
  2.5,
  -1,
  10,
  '1',
  '2',
  'a',
  'b',
  '',
  true,
  false,
  null,
  new Date(1000),
  new Date(2000),
];
const VALUES: unknown[] = [...SCALARS, [1, 2], ['a'], [], { x: 1 }];

const call = async (body: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const res = await db.handle(body);
  if (res.code) throw new Error(`${res.code}: ${res.message}`);
  return res.data as Record<string, unknown>;
};
const wire = (value: unknown): string => EJSON.stringify(value, { relaxed: false });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-prefilter-'));
  const declarationFile = path.join(dataDir, 'declaration.json');
  const indexes = [
    {
      name: 'a_b',
      keys: [
        { field: 'a', direction: 1 },
        { field: 'b', direction: -1 },
      ],
    },
    { name: 'c', keys: [{ field: 'c', direction: 1 }] },
    { name: 'nested', keys: [{ field: 'o.p', direction: 1 }] },
  ];
  const collections = ['mixed', 'scalar', 'counted'].map((name) => ({ name, permission: 'ADMINONLY', indexes }));
  fs.writeFileSync(declarationFile, JSON.stringify({ collections }));
  db = openDatabase({ dataDir, declarationFile });
  for (const name of ['mixed', 'scalar'] as const) {
    const values = name === 'mixed' ? VALUES : SCALARS;
    for (let i = 0; i < 400; i++) {
      const doc: Record<string, unknown> = { _id: `d${i}` };
      if (rand() < 0.9) doc.a = pick(values);
      if (rand() < 0.9) doc.b = pick(values);
      doc.c = pick(['x', 'y', 'z', 1, 2]);
      if (rand() < 0.8) doc.o = name === 'scalar' || rand() < 0.8 ? { p: pick(values) } : [{ p: pick(values) }];
      else if (name === 'mixed' && rand() < 0.5) doc.o = pick(['p', 3]);
      docs[name].push(doc);
    }
    await call({ action: 'database.insertDocument', collectionName: name, data: docs[name].map(wire) });
  }
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const condition = (): unknown => {
  const v = pick(SCALARS);
  switch (Math.floor(rand() * 5)) {
    case 0:
      return v;
    case 1:
      return { $in: [v, pick(SCALARS)] };
    case 2:
      return { [pick(['$gt', '$gte', '$lt', '$lte'])]: v };
    case 3:
      return { $gte: pick([0, 'a', new Date(1500)]), $lt: pick([5, 'b', new Date(2500)]) };
    default:
      return { $ne: v };
  }
};

const idCondition = (): unknown =>
  pick<unknown>(['d7', { $in: ['d1', 'd2', 'd300', 'nope'] }, { $gte: 'd1', $lt: 'd2' }, { $ne: 'd3' }]);

/** A random query on the indexed fields and `_id`, sometimes under an explicit $and. */
const randomQuery = (): Record<string, unknown> => {
  const query: Record<string, unknown> = {};
  for (const field of ['a', 'b', 'c', 'o.p']) if (rand() < 0.4) query[field] = condition();
  if (rand() < 0.15) query._id = idCondition();
  if (rand() < 0.2)
    query.$or = [
      { a: condition() },
      pick<Record<string, unknown>>([
        { c: condition() },
        { _id: idCondition() },
        { b: condition(), c: condition() },
        { d: 1 },
      ]),
    ];
  if (rand() < 0.2)
    return {
      $and: Object.entries(query)
        .map(([field, c]) => ({ [field]: c }))
        .concat({ c: condition() }),
    };
  return query;
};

const exact = (query: Record<string, unknown>): boolean =>
  prefilter(query, (field) => (['_id', 'a', 'b', 'c', 'o.p'].includes(field) ? field : undefined)).exact;

test.each(['mixed', 'scalar'] as const)(
  '500 random queries with sort, skip and limit on %s values agree with mingo over all documents',
  async (collectionName) => {
    for (let n = 0; n < 500; n++) {
      const query = randomQuery();
      const order = pick([{}, { a: 1 }, { a: -1, b: 1 }, { a: 1, b: -1 }, { c: 1 }, { 'o.p': -1 }, { b: -1 }]);
      const offset = pick([0, 0, 3]);
      const limit = pick([5, 100]);
      const body = {
        action: 'database.getDocument',
        collectionName,
        queryType: 'WHERE',
        query: wire(query),
        order: wire(order),
        offset,
        limit,
      };
      const got = ((await call(body)).list as string[]).map(
        (s) => EJSON.parse(s, { relaxed: true }) as Record<string, unknown>,
      );
      const matcher = new Query(query);
      const matching = docs[collectionName].filter((d) => matcher.test(d));
      if (Object.keys(order).length === 0) {
        if (offset === 0 && limit >= matching.length)
          expect(got.map((d) => d._id).sort()).toEqual(matching.map((d) => d._id).sort());
        expect(got.every((d) => matching.some((m) => m._id === d._id))).toBe(true);
        continue;
      }
      const expected = find(matching, {}).sort(order).skip(offset).limit(limit).all();
      expect(got.every((d) => matching.some((m) => m._id === d._id))).toBe(true);
      expect(got).toHaveLength(expected.length);
      // Ties may come in any order. With scalars, tied documents have equal values: compare the sequence of sort values.
      if (collectionName === 'mixed') continue;
      // Missing sorts as null.
      const keys = (list: Record<string, unknown>[]) =>
        list.map((d) => wire(Object.keys(order).map((f) => resolve(d, f) ?? null)));
      expect({ query, order, keys: keys(got) }).toEqual({ query, order, keys: keys(expected) });
    }
  },
);

test.each(['mixed', 'scalar'] as const)(
  'count of 500 random queries on %s values is what mingo counts over all documents, exact prefilter or not',
  async (collectionName) => {
    const compared = { exact: 0, fallback: 0 };
    for (let n = 0; n < 500; n++) {
      const query = randomQuery();
      const { total } = await call({ action: 'database.calculateDocument', collectionName, query: wire(query) });
      const matcher = new Query(query);
      expect({ query, total }).toEqual({ query, total: docs[collectionName].filter((d) => matcher.test(d)).length });
      compared[exact(query) ? 'exact' : 'fallback'] += 1;
    }
    expect(compared.exact).toBeGreaterThan(150);
    expect(compared.fallback).toBeGreaterThan(100);
  },
);

describe('an exact count reads only the documents whose key is unindexable and whose multikeys may match', () => {
  const count = async (collectionName: string, query: Record<string, unknown>) => {
    const before = db.documentsRead;
    const { total } = await call({ action: 'database.calculateDocument', collectionName, query: wire(query) });
    return { total, read: db.documentsRead - before };
  };
  const expected = (name: 'mixed' | 'scalar', query: Record<string, unknown>) =>
    docs[name].filter((d) => new Query(query).test(d)).length;

  test('none where every key is indexable', async () => {
    const query = { a: { $in: [1, 'a', null] }, b: { $gte: 0, $lt: 5 }, 'o.p': { $ne: 'x' } };
    expect(await count('scalar', { a: query.a, b: query.b })).toEqual({
      total: expected('scalar', { a: query.a, b: query.b }),
      read: 0,
    });
    // Not exact ($ne): every candidate is read.
    expect((await count('scalar', query)).read).toBeGreaterThan(0);
  });

  test('those with an array holding the value, or an object or empty array, in a field of the query', async () => {
    // Arrays are multikey-indexed by element: only [1, 2] of them can hold 1; [] and objects are left to mingo.
    const candidates = docs.mixed.filter(
      (d) =>
        (Array.isArray(d.a) && (d.a.includes(1) || d.a.length === 0)) ||
        (d.a !== null && typeof d.a === 'object' && !Array.isArray(d.a) && !(d.a instanceof Date)),
    );
    expect(await count('mixed', { a: 1 })).toEqual({ total: expected('mixed', { a: 1 }), read: candidates.length });
    expect(await count('mixed', { c: 'x' })).toEqual({ total: expected('mixed', { c: 'x' }), read: 0 });
  });

  test('an $or whose branches are all indexed reads only the documents one of its branches may match', async () => {
    const query = { $or: [{ c: 'x' }, { _id: { $in: ['d1', 'd2'] } }] };
    const { total, read } = await count('scalar', query);
    expect(total).toBe(expected('scalar', query));
    expect(read).toBe(total);
    // A branch on a field without an index narrows nothing: every document is read.
    expect((await count('scalar', { $or: [{ c: 'x' }, { d: 1 }] })).read).toBe(docs.scalar.length);
  });

  test('follows writes that make a key unindexable and indexable again', async () => {
    const collectionName = 'counted';
    const data = [
      { _id: 'x1', a: 1 },
      { _id: 'x2', a: 1 },
      { _id: 'x3', a: 2 },
    ];
    await call({ action: 'database.insertDocument', collectionName, data: data.map(wire) });
    const update = (id: string, a: unknown) =>
      call({
        action: 'database.modifyDocument',
        collectionName,
        queryType: 'DOC',
        query: wire({ _id: id }),
        data: wire({ $set: { a } }),
      });
    expect(await count(collectionName, { a: 1 })).toEqual({ total: 2, read: 0 });
    await update('x3', [1, 5]);
    await update('x2', [7]);
    // Only x3's array holds 1: x2's [7] is not read.
    expect(await count(collectionName, { a: 1 })).toEqual({ total: 2, read: 1 });
    await update('x3', 1);
    await update('x2', 1);
    expect(await count(collectionName, { a: 1 })).toEqual({ total: 3, read: 0 });
  });
});
