import { startSdkCloud, type SdkCloud } from './helpers/sdk';

/** Aggregation stages and geo queries through the real SDK. */
let c: SdkCloud;

// Around Luyuan town: distances along a meridian, ~111 km per degree of latitude.
const CENTER = [113.7, 26.5] as const;
// Stored in an order other than by distance, so the distance sort is visible.
const places = [
  { _id: 'mid', name: '八担坵', km: 3 },
  { _id: 'far', name: '县城', km: 30 },
  { _id: 'near', name: '叶家祠', km: 1 },
  { _id: 'here', name: '镇政府', km: 0 },
];

beforeAll(async () => {
  c = await startSdkCloud({
    collections: [
      { name: 'sales' },
      { name: 'units' },
      { name: 'places' },
      { name: 'members', indexes: [{ name: 'group', unique: false, keys: [{ field: 'group', direction: 1 }] }] },
      { name: 'groups' },
      { name: 'many' },
    ],
  });
  // Stored in this order; m6's group is an array, so its key sorts after every string in the group index.
  await c.db.collection('members').add({
    data: [
      { _id: 'm6', name: 'f', group: ['g1', 'g3'] },
      { _id: 'm3', name: 'c', group: 'g2' },
      { _id: 'm1', name: 'a', group: 'g1' },
      { _id: 'm2', name: 'b', group: 'g1' },
      { _id: 'm4', name: 'd' },
      { _id: 'm5', name: 'e', group: null },
    ],
  });
  await c.db.collection('groups').add({
    data: [
      { _id: 'g1', code: 'g1', deputies: ['m1', 'm9', 'm3', 'm1'] },
      { _id: 'g2', deputies: [] },
      { _id: 'gn', code: null, deputies: null },
      { _id: 'gx', code: ['g2', 'g1'] },
    ],
  });
  await c.db.collection('many').add({ data: Array.from({ length: 300 }, (_, i) => ({ _id: `k${i}`, n: i })) });
  await c.db.collection('units').add({
    data: [
      { _id: 'u1', name: '一组' },
      { _id: 'u2', name: '二组' },
    ],
  });
  await c.db.collection('sales').add({
    data: [
      { unit: 'u1', item: 'rice', qty: 2, price: 10, tags: ['a', 'b'] },
      { unit: 'u1', item: 'tea', qty: 1, price: 30, tags: ['b'] },
      { unit: 'u2', item: 'rice', qty: 5, price: 10, tags: [] },
      { unit: 'u2', item: 'oil', qty: 1, price: 55, tags: ['c'] },
    ],
  });
  for (const p of places) {
    await c.db
      .collection('places')
      .add({ data: { _id: p._id, name: p.name, loc: new c.db.Geo.Point(CENTER[0], CENTER[1] + p.km / 111.2) } });
  }
});
afterAll(() => c.cleanup());

describe('aggregate stages', () => {
  const agg = () => c.db.collection('sales').aggregate();
  const $ = () => c.db.command.aggregate;

  test('$match $group $sort', async () => {
    const { list } = await agg()
      .match({ qty: c.db.command.gte(1) })
      .group({ _id: '$unit', total: $().sum($().multiply(['$qty', '$price'])), n: $().sum(1) })
      .sort({ total: -1 })
      .end();
    expect(list).toEqual([
      { _id: 'u2', total: 105, n: 2 },
      { _id: 'u1', total: 50, n: 2 },
    ]);
  });

  test('$project $addFields $skip $limit', async () => {
    const { list } = await agg()
      .addFields({ amount: $().multiply(['$qty', '$price']) })
      .project({ _id: 0, item: 1, amount: 1 })
      .sort({ amount: 1 })
      .skip(1)
      .limit(2)
      .end();
    expect(list).toEqual([
      { item: 'tea', amount: 30 },
      { item: 'rice', amount: 50 },
    ]);
  });

  test('$lookup reads the other collection', async () => {
    const { list } = await agg()
      .match({ item: 'oil' })
      .lookup({ from: 'units', localField: 'unit', foreignField: '_id', as: 'unitDoc' })
      .project({ _id: 0, item: 1, unitDoc: 1 })
      .end();
    expect(list).toEqual([{ item: 'oil', unitDoc: [{ _id: 'u2', name: '二组' }] }]);
  });

  test('$lookup on an array of ids leaves out the ids nothing matches', async () => {
    const { list } = await agg()
      .match({ item: 'oil' })
      .addFields({ unitIds: ['u2', 'no-such-unit'] })
      .lookup({ from: 'units', localField: 'unitIds', foreignField: '_id', as: 'unitDocs' })
      .project({ _id: 0, unitDocs: 1 })
      .end();
    expect(list).toEqual([{ unitDocs: [{ _id: 'u2', name: '二组' }] }]);
  });

  test('$unwind and $count', async () => {
    const { list } = await agg().unwind('$tags').count('n').end();
    expect(list).toEqual([{ n: 4 }]);
  });

  test('$bucket', async () => {
    const { list } = await agg()
      .bucket({ groupBy: '$price', boundaries: [0, 20, 100], default: 'other', output: { n: $().sum(1) } })
      .end();
    expect(list).toEqual([
      { _id: 0, n: 2 },
      { _id: 20, n: 2 },
    ]);
  });
});

describe('equality $lookup joins as before while reading only the documents it joins', () => {
  const groups = () => c.db.collection('groups').aggregate();
  const names = (list: unknown[], as: string) =>
    Object.fromEntries(
      (list as Record<string, unknown>[]).map((d) => [d._id, (d[as] as { name: string }[]).map((m) => m.name)]),
    );

  test('an array local field: its elements, each joined once, in local order; unmatched and null join nothing', async () => {
    const { list } = await groups()
      .lookup({ from: 'members', localField: 'deputies', foreignField: '_id', as: 'ds' })
      .end();
    expect(names(list, 'ds')).toEqual({ g1: ['a', 'c'], g2: [], gn: [], gx: [] });
  });

  test('missing and null local values join missing and null foreign values; order is storage order, not index order', async () => {
    const { list } = await groups()
      .lookup({ from: 'members', localField: 'code', foreignField: 'group', as: 'ms' })
      .end();
    expect(names(list, 'ms')).toEqual({
      g1: ['f', 'a', 'b'],
      g2: ['d', 'e'],
      gn: ['d', 'e'],
      gx: ['c', 'f', 'a', 'b'],
    });
  });

  test('several lookups, after $unwind and $project', async () => {
    const { list } = await groups()
      .match({ _id: 'g1' })
      .unwind('$deputies')
      .project({ _id: 0, deputy: '$deputies' })
      .lookup({ from: 'members', localField: 'deputy', foreignField: '_id', as: 'person' })
      .unwind('$person')
      .project({ name: '$person.name', group: '$person.group' })
      .lookup({ from: 'groups', localField: 'group', foreignField: 'code', as: 'gs' })
      .project({ name: 1, codes: '$gs._id' })
      .end();
    expect(list).toEqual([
      { name: 'a', codes: ['g1', 'gx'] },
      { name: 'c', codes: ['gx'] },
      { name: 'a', codes: ['g1', 'gx'] },
    ]);
  });

  test('a pipeline-form $lookup still reads the other collection', async () => {
    // The SDK's typings omit aggregate.pipeline() and command.expr(), which its runtime has and sends.
    interface Pipeline {
      match(query: unknown): Pipeline;
      project(projection: Record<string, unknown>): Pipeline;
      done(): unknown[];
    }
    const _ = c.db.command as unknown as { expr(expression: unknown): unknown };
    const $ = c.db.command.aggregate as unknown as { pipeline(): Pipeline; eq(values: unknown[]): unknown };
    const { list } = await groups()
      .match({ _id: 'g1' })
      .project({ code: 'g2' })
      .lookup({
        from: 'members',
        let: { code: '$code' },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$group', '$$code'])))
          .project({ _id: 0, name: 1 })
          .done(),
        as: 'ms',
      })
      .end();
    expect(list).toEqual([{ _id: 'g1', code: 'g2', ms: [{ name: 'c' }] }]);
  });

  test('a lookup by _id reads the joined documents, not the whole foreign collection', async () => {
    const before = c.cloud.db.documentsRead;
    const { list } = await groups()
      .match({ _id: 'g1' })
      .addFields({ ks: ['k7', 'k1', 'k7', 'nope'] })
      .lookup({ from: 'many', localField: 'ks', foreignField: '_id', as: 'got' })
      .project({ _id: 0, got: 1 })
      .end();
    expect(list).toEqual([
      {
        got: [
          { _id: 'k7', n: 7 },
          { _id: 'k1', n: 1 },
        ],
      },
    ]);
    // One group and two of the 300 documents of `many`.
    expect(c.cloud.db.documentsRead - before).toBe(3);
  });
});

describe('geo', () => {
  const point = () => new c.db.Geo.Point(CENTER[0], CENTER[1]);
  // The SDK's typings omit geoWithin's centerSphere option, which its runtime supports and sends.
  const geoWithinSphere = (options: { centerSphere: [[number, number], number] }) =>
    c.db.command.geoWithin(options as unknown as Parameters<typeof c.db.command.geoWithin>[0]);

  test('$nearSphere filters by distance and sorts nearest first', async () => {
    const res = await c.db
      .collection('places')
      .where({ loc: c.db.command.geoNear({ geometry: point(), maxDistance: 5000, minDistance: 500 }) })
      .get();
    expect(res.data.map((d) => d._id)).toEqual(['near', 'mid']);
    const all = await c.db
      .collection('places')
      .where({ loc: c.db.command.geoNear({ geometry: point() }) })
      .get();
    expect(all.data.map((d) => d._id)).toEqual(['here', 'near', 'mid', 'far']);
  });

  test('$geoWithin a sphere (radius in radians) and a polygon', async () => {
    const tenKm = 10_000 / 6378100;
    const sphere = await c.db
      .collection('places')
      .where({ loc: geoWithinSphere({ centerSphere: [[CENTER[0], CENTER[1]], tenKm] }) })
      .get();
    expect(sphere.data.map((d) => d._id).sort()).toEqual(['here', 'mid', 'near']);
    const { Point, LineString, Polygon } = c.db.Geo;
    const box = new Polygon([
      new LineString([
        new Point(113.6, 26.505),
        new Point(113.8, 26.505),
        new Point(113.8, 26.6),
        new Point(113.6, 26.6),
        new Point(113.6, 26.505),
      ]),
    ]);
    const inBox = await c.db
      .collection('places')
      .where({ loc: c.db.command.geoWithin({ geometry: box }) })
      .get();
    expect(inBox.data.map((d) => d._id).sort()).toEqual(['mid', 'near']);
    const crossing = await c.db
      .collection('places')
      .where({ loc: c.db.command.geoIntersects({ geometry: box }) })
      .get();
    expect(crossing.data.map((d) => d._id).sort()).toEqual(['mid', 'near']);
  });

  test('points round-trip as geo points', async () => {
    const { data } = await c.db.collection('places').doc('here').get();
    expect(data.loc).toMatchObject({ longitude: CENTER[0], latitude: CENTER[1] });
  });
});
