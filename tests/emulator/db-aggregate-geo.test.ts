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
  c = await startSdkCloud({ collections: [{ name: 'sales' }, { name: 'units' }, { name: 'places' }] });
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
