import { dayOf, isCalendarDay } from '../../types/time';
import { REFERENCE, seedCounty, type County, type SeedDb } from '../../scripts/bench/dataset';

type Doc = Record<string, unknown>;

/** The documents seedCounty writes, by collection (the generator is under test, not a database). */
async function seeded(scale: number, now: Date): Promise<{ county: County; docs: Map<string, Doc[]> }> {
  const docs = new Map<string, Doc[]>();
  const db: SeedDb = {
    collection: (name) => ({
      add: async ({ data }) => {
        docs.set(name, docs.get(name) ?? []);
        docs.get(name)!.push(...(data as Doc[]));
        return {};
      },
    }),
  };
  return { county: await seedCounty(db, scale, now), docs };
}

const NOW = new Date('2026-11-15T04:00:00Z');
const of = (docs: Map<string, Doc[]>, collection: string, village: string) =>
  (docs.get(collection) ?? []).filter((d) => (d.unitPath as string[]).includes(village));

describe('the bench dataset', () => {
  let small: Awaited<ReturnType<typeof seeded>>;
  let large: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    small = await seeded(0.001, NOW);
    large = await seeded(0.01, NOW);
  });

  it('gives the reference village the same records at every scale, sized like a village at scale 1', () => {
    const village = small.county.reference;
    expect(large.county.reference).toBe(village);
    for (const collection of ['requests', 'timeline', 'pledges', 'activities', 'attendance', 'visits'])
      expect(of(large.docs, collection, village)).toEqual(of(small.docs, collection, village));
    expect(of(small.docs, 'requests', village)).toHaveLength(REFERENCE.requests);
    expect(of(small.docs, 'pledges', village)).toHaveLength(REFERENCE.pledges);
    expect(of(small.docs, 'visits', village)).toHaveLength(REFERENCE.visits);
    expect(small.county.referenceCounts).toEqual(large.county.referenceCounts);
    // The county's villages grow with the scale.
    expect(large.county.counts.requests).toBe(10 * small.county.counts.requests);
    expect(small.county.villages).not.toContain(village);
  });

  it('dates every fulfilment on the day it was recorded', () => {
    const fulfilments = (small.docs.get('pledges') ?? []).flatMap(
      (p) => p.fulfilments as Array<{ day: string; createdAt: Date }>,
    );
    expect(fulfilments.length).toBeGreaterThan(1000);
    for (const f of fulfilments) {
      expect(isCalendarDay(f.day)).toBe(true);
      expect(f.day).toBe(dayOf(f.createdAt));
    }
  });
});
