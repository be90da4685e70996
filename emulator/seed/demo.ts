import { seedActivity } from './activity';
import { recording, seedCounters } from './counters';
import { seedPledges } from './pledge';
import { seedRequests } from './request';
import { PERSONA } from './ids';
import { DEMO_BRANCHES, DEMO_PLACES, DEMO_UNITS } from './org';
import { DEMO_PEOPLE, demoUserRecord } from './people';

/**
 * Demo data of the local cloud (`npm run dev` writes it into an empty store; tests call it too): 鹿原镇's
 * unit tree, branches and places (emulator/seed/org.ts), one persona per role (emulator/seed/people.ts,
 * ids in emulator/seed/ids.ts), then each domain's demo records (register yours in DOMAIN_SEEDS).
 * Idempotent: documents are written by id, and nothing is written when the demo town admin already exists.
 */

/** The part of wx-server-sdk's database handle (`cloud.database()`) the seed uses. */
export interface SeedDatabase {
  collection(name: string): {
    doc(id: string): { set(options: { data: Record<string, unknown> }): unknown };
    where(condition: Record<string, unknown>): { count(): unknown };
  };
}

/** A domain's demo records, written after the organisation and the people exist. */
export type DomainSeed = (db: SeedDatabase, now: Date) => Promise<void>;

/** One line per domain: `import { seedPledges } from './pledge';` then add it here. */
const DOMAIN_SEEDS: DomainSeed[] = [seedActivity, seedRequests, seedPledges];

async function put(db: SeedDatabase, collection: string, doc: { _id: string }, extra: Record<string, unknown> = {}) {
  const { _id, ...data } = doc;
  await db
    .collection(collection)
    .doc(_id)
    .set({ data: { ...data, ...extra } });
}

export async function isSeeded(db: SeedDatabase): Promise<boolean> {
  const { total } = (await db.collection('users').where({ _id: PERSONA.townAdmin }).count()) as { total: number };
  return total > 0;
}

/** Writes the demo data unless it is there; answers how many units and people it wrote. */
export async function seedDemo(db: SeedDatabase, now = new Date()): Promise<{ units: number; users: number }> {
  if (await isSeeded(db)) return { units: 0, users: 0 };
  // A little in the past, a minute apart, so "newest first" lists have a stable order.
  const at = (i: number) => new Date(now.getTime() - (DEMO_PEOPLE.length - i) * 60_000);
  for (const unit of DEMO_UNITS) await put(db, 'units', unit, { createdAt: at(0), createdBy: 'seed' });
  for (const [i, branch] of DEMO_BRANCHES.entries())
    await put(db, 'branches', branch, { createdAt: at(i), createdBy: 'seed' });
  for (const [i, place] of DEMO_PLACES.entries())
    await put(db, 'places', place, { createdAt: at(i), createdBy: 'seed' });
  // "Seeded" means the demo town admin exists: written last, so a half-written seed is completed on the next start.
  const people = [
    ...DEMO_PEOPLE.filter((p) => p.openid !== PERSONA.townAdmin),
    ...DEMO_PEOPLE.filter((p) => p.openid === PERSONA.townAdmin),
  ];
  for (const [i, person] of people.entries()) {
    await db
      .collection('users')
      .doc(person.openid)
      .set({ data: demoUserRecord(person, at(i)) });
  }
  // The demo records are counted as the events would have counted them (emulator/seed/counters.ts).
  const recorder = recording(db);
  for (const seed of DOMAIN_SEEDS) await seed(recorder.db, now);
  await seedCounters(db, recorder.written, now);
  return { units: DEMO_UNITS.length, users: DEMO_PEOPLE.length };
}

/** The demo people (tests look personas up here). */
export { DEMO_PEOPLE } from './people';
