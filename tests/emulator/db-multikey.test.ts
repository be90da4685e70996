import { EJSON } from 'bson';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Query, find } from 'mingo';
import { openDatabase, type LocalDatabase } from '../../emulator/db';

/**
 * Multikey indexes: an indexed field holding an array is indexed by its elements (and a path through an array
 * of objects by the values it reaches), so equality, `$in` and `$all` on an element read only the documents that
 * hold it, as the cloud's multikey indexes do. Randomised against mingo over every document (arrays of mixed
 * types, null and missing, nested arrays, paths through arrays of objects), before and after writes that change
 * the arrays; and the documents read are counted, so a query that scans fails.
 */
let db: LocalDatabase;
let dataDir: string;
let declarationFile: string;
let docs: Record<string, unknown>[] = [];
// 1,000 random queries in all, each compared twice (get in an order, and count); slow on a loaded machine.
const RANDOM_TIMEOUT_MS = 180_000;

let seed = 7;
const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(values: T[]): T => values[Math.floor(rand() * values.length)];
const SCALARS: unknown[] = [
  0,
  1,
  2,
  2.5,
  -1,
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

/** An array field's value: missing, a scalar, or an array of scalars with now and then a nested array or object. */
const arrayValue = (): unknown => {
  const r = rand();
  if (r < 0.08) return undefined;
  if (r < 0.2) return pick(SCALARS);
  if (r < 0.25) return [];
  const length = 1 + Math.floor(rand() * 4);
  return Array.from({ length }, () => {
    const e = rand();
    if (e < 0.05) return [pick(SCALARS)];
    if (e < 0.08) return { x: pick(SCALARS) };
    return pick(SCALARS);
  });
};

/** `r`: missing, a scalar, an object, or an array of objects (and sometimes scalars) whose `u` is an array value. */
const nestedValue = (): unknown => {
  const r = rand();
  if (r < 0.1) return undefined;
  if (r < 0.15) return pick(['p', 3, null]);
  // A missing `u` is left out rather than undefined (which a write would store as null).
  const object = (): Record<string, unknown> => {
    const u = arrayValue();
    return u === undefined ? {} : { u };
  };
  if (r < 0.35) return object();
  const length = 1 + Math.floor(rand() * 3);
  return Array.from({ length }, () => (rand() < 0.1 ? pick(SCALARS) : object()));
};

const randomDoc = (id: string): Record<string, unknown> => {
  const doc: Record<string, unknown> = { _id: id, n: Math.floor(rand() * 10) };
  const tags = arrayValue();
  if (tags !== undefined) doc.tags = tags;
  const r = nestedValue();
  if (r !== undefined) doc.r = r;
  return doc;
};

const call = async (body: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const res = await db.handle(body);
  if (res.code) throw new Error(`${res.code}: ${res.message}`);
  return res.data as Record<string, unknown>;
};
const wire = (value: unknown): string => EJSON.stringify(value, { relaxed: false });
const parse = (list: unknown): Record<string, unknown>[] =>
  (list as string[]).map((s) => EJSON.parse(s, { relaxed: true }) as Record<string, unknown>);

const declare = (collections: string[]): void => {
  const indexes = [
    {
      name: 'tags_n',
      keys: [
        { field: 'tags', direction: 1 },
        { field: 'n', direction: 1 },
      ],
    },
    { name: 'r_u', keys: [{ field: 'r.u', direction: 1 }] },
    { name: 'path', keys: [{ field: 'unitPath', direction: 1 }] },
  ];
  fs.writeFileSync(
    declarationFile,
    JSON.stringify({ collections: collections.map((name) => ({ name, permission: 'ADMINONLY', indexes })) }),
  );
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-multikey-'));
  declarationFile = path.join(dataDir, 'declaration.json');
  declare(['arrays', 'villages']);
  db = openDatabase({ dataDir, declarationFile });
  docs = Array.from({ length: 400 }, (_, i) => randomDoc(`d${i}`));
  await call({ action: 'database.insertDocument', collectionName: 'arrays', data: docs.map(wire) });
}, RANDOM_TIMEOUT_MS);
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const condition = (): unknown => {
  const v = pick(SCALARS);
  switch (Math.floor(rand() * 6)) {
    case 0:
    case 1:
      return v;
    case 2:
      return { $in: [v, pick(SCALARS)] };
    case 3:
      return { $all: rand() < 0.5 ? [v] : [v, pick(SCALARS)] };
    case 4:
      return { $eq: v };
    default:
      return pick([{ $ne: v }, { $gte: pick([0, 'a']) }, { $all: [[v]] }, { $in: [[v], v] }]);
  }
};

const randomQuery = (): Record<string, unknown> => {
  const query: Record<string, unknown> = {};
  if (rand() < 0.7) query.tags = condition();
  if (rand() < 0.5) query['r.u'] = condition();
  if (rand() < 0.3) query.n = pick<unknown>([3, { $gte: 2, $lt: 7 }, { $in: [1, 8] }]);
  if (rand() < 0.15) return { $and: Object.entries(query).map(([field, c]) => ({ [field]: c })) };
  return query;
};

const expectAgreement = async (queries: number): Promise<void> => {
  for (let i = 0; i < queries; i++) {
    const query = randomQuery();
    const matcher = new Query(query);
    const matching = docs.filter((d) => matcher.test(d));
    const order = pick([{}, { n: 1 }, { n: -1 }]);
    const { list } = await call({
      action: 'database.getDocument',
      collectionName: 'arrays',
      queryType: 'WHERE',
      query: wire(query),
      order: wire(order),
      limit: 1000,
    });
    const got = parse(list);
    expect({ query, ids: got.map((d) => d._id).sort() }).toEqual({ query, ids: matching.map((d) => d._id).sort() });
    if (Object.keys(order).length > 0)
      expect(got.map((d) => d.n)).toEqual(
        find(matching, {})
          .sort(order)
          .all()
          .map((d) => d.n),
      );
    const { total } = await call({
      action: 'database.calculateDocument',
      collectionName: 'arrays',
      query: wire(query),
    });
    expect({ query, total }).toEqual({ query, total: matching.length });
  }
};

test(
  '500 random queries (get and count) on array fields agree with mingo over all documents',
  () => expectAgreement(500),
  RANDOM_TIMEOUT_MS,
);

test(
  '500 more after writes that change the arrays agree too, and the store holds what was written',
  async () => {
    // Writes that change the arrays: replace, push, unset, remove, and new documents.
    for (let i = 0; i < 150; i++) {
      const index = Math.floor(rand() * docs.length);
      const doc = docs[index];
      const kind = Math.floor(rand() * 5);
      if (kind === 4) {
        await call({
          action: 'database.removeDocument',
          collectionName: 'arrays',
          queryType: 'DOC',
          query: wire({ _id: doc._id }),
        });
        docs.splice(index, 1);
        const fresh = randomDoc(`e${i}`);
        await call({ action: 'database.insertDocument', collectionName: 'arrays', data: [wire(fresh)] });
        docs.push(fresh);
        continue;
      }
      // Not structuredClone: under jest its Dates come from another realm, which mingo does not take for dates.
      const next = EJSON.parse(wire(doc), { relaxed: true }) as Record<string, unknown>;
      const value = pick(SCALARS);
      const data =
        kind === 0
          ? { $set: { tags: (next.tags = arrayValue() ?? null) } }
          : kind === 1 && Array.isArray(next.tags)
            ? { $push: { tags: value } }
            : kind === 2
              ? { $set: { r: (next.r = nestedValue() ?? null) } }
              : { $unset: { tags: '' } };
      if ('$push' in data) (next.tags as unknown[]).push(value);
      if ('$unset' in data) delete next.tags;
      await call({
        action: 'database.modifyDocument',
        collectionName: 'arrays',
        queryType: 'DOC',
        query: wire({ _id: doc._id }),
        data: wire(data),
      });
      docs[index] = next;
    }
    await expectAgreement(500);
    // The store holds what the test wrote. with what the test wrote.
    const { list } = await call({
      action: 'database.getDocument',
      collectionName: 'arrays',
      queryType: 'WHERE',
      query: wire({}),
      limit: 1000,
    });
    expect(parse(list).sort((a, b) => String(a._id).localeCompare(String(b._id)))).toEqual(
      docs
        .map((d) => EJSON.parse(wire(d), { relaxed: true }))
        .sort((a, b) => String(a._id).localeCompare(String(b._id))),
    );
  },
  RANDOM_TIMEOUT_MS,
);

describe('a query on an element reads only the documents that hold it', () => {
  // 2,000 documents in 50 villages of 5 towns: unitPath [town, village].
  beforeAll(async () => {
    const data = Array.from({ length: 2000 }, (_, i) =>
      wire({ _id: `v${i}`, unitPath: [`t${i % 5}`, `v${i % 50}`], n: i }),
    );
    await call({ action: 'database.insertDocument', collectionName: 'villages', data });
  }, RANDOM_TIMEOUT_MS);
  const reads = async (body: Record<string, unknown>) => {
    const before = db.documentsRead;
    const data = await call({ collectionName: 'villages', ...body, query: wire(body.query) });
    return { data, read: db.documentsRead - before };
  };
  const get = (query: Record<string, unknown>) =>
    reads({ action: 'database.getDocument', queryType: 'WHERE', query, limit: 1000 });

  test('equality, $in and $all', async () => {
    const one = await get({ unitPath: 'v7' });
    expect(one.data.list).toHaveLength(40);
    expect(one.read).toBe(40);
    const two = await get({ unitPath: { $in: ['v7', 'v8'] } });
    expect(two.data.list).toHaveLength(80);
    expect(two.read).toBe(80);
    const all = await get({ unitPath: { $all: ['t2', 'v7'] } });
    expect(all.data.list).toHaveLength(40);
    expect(all.read).toBeLessThanOrEqual(40);
    const none = await get({ unitPath: { $all: ['t3', 'v7'] } });
    expect(none.data.list).toHaveLength(0);
    expect(none.read).toBe(0);
  });

  test('with a range on another field, a count and an aggregate $match', async () => {
    const ranged = await get({ unitPath: 'v7', n: { $lt: 1000 } });
    expect(ranged.data.list).toHaveLength(20);
    expect(ranged.read).toBeLessThanOrEqual(40);
    const counted = await reads({ action: 'database.calculateDocument', query: { unitPath: 'v12' } });
    expect(counted.data.total).toBe(40);
    expect(counted.read).toBe(40);
    const before = db.documentsRead;
    const res = await db.handle({
      action: 'database.aggregateDocuments',
      collectionName: 'villages',
      stages: [
        { stageKey: '$match', stageValue: wire({ unitPath: 'v3' }) },
        { stageKey: '$count', stageValue: wire('n') },
      ],
    });
    expect(parse((res.data as { list: string[] }).list)).toEqual([{ n: 40 }]);
    expect(db.documentsRead - before).toBe(40);
  });

  test('a store opened again keeps its multikeys, and a store that had none gets them', async () => {
    db.close();
    db = openDatabase({ dataDir, declarationFile });
    expect((await get({ unitPath: 'v9' })).read).toBe(40);
    db.close();
    // A store from before multikey tables: drop them, as it had none.
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path.join(dataDir, 'database.sqlite'));
    for (const name of ['arrays', 'villages']) raw.exec(`DROP TABLE "m:${name}"`);
    raw.close();
    db = openDatabase({ dataDir, declarationFile });
    const again = await get({ unitPath: 'v9' });
    expect(again.data.list).toHaveLength(40);
    expect(again.read).toBe(40);
    await expectAgreement(20);
  });
});
