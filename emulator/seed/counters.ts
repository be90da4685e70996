import { dayjs, monthOf, TOWN_TIMEZONE } from '@honglin/types/time';
import {
  counterId,
  markerId,
  markerKey,
  nestCounts,
  sightingsId,
} from '../../cloudfunctions/common/domain/metrics/counterKeys';
import { rebuildCounters } from '../../cloudfunctions/common/domain/metrics/rebuild';
import type { RecordSet } from '../../cloudfunctions/common/domain/metrics/records';
import { addSums, type Sums } from '../../cloudfunctions/common/domain/metrics/sums';
import type { UnitMonth } from '../../cloudfunctions/common/domain/metrics/unitMonths';
import type { SeedDatabase } from './demo';

/**
 * The demo records go straight into the store, not through the functions that bump the statistics counters as they
 * write. So the seed counts them as the events would have: the same rule (`rebuildCounters`, which the
 * reconciliation also uses) for every month of the demo data, one shard per unit-month, and a marker per distinct
 * thing for the fold timer — so the dashboard shows the demo at once and a reconciliation finds nothing to fix.
 */

/** Every document the domain seeds wrote, by collection. */
export type Written = Map<string, Array<Record<string, unknown>>>;

/** A seed database that also keeps what is written through it. */
export function recording(db: SeedDatabase): { db: SeedDatabase; written: Written } {
  const written: Written = new Map();
  return {
    written,
    db: {
      collection(name) {
        const inner = db.collection(name);
        return {
          doc(id) {
            return {
              set(options) {
                written.set(name, [...(written.get(name) ?? []), { _id: id, ...options.data }]);
                return inner.doc(id).set(options);
              },
            };
          },
          where: (condition) => inner.where(condition),
        };
      },
    },
  };
}

const list = <T>(written: Written, name: string) => (written.get(name) ?? []) as unknown as T[];

/** The 36 months up to `now`: every demo record is within them. */
function monthsUpTo(now: Date): string[] {
  const current = dayjs.tz(`${monthOf(now)}-01`, TOWN_TIMEZONE);
  return Array.from({ length: 36 }, (_, i) => current.subtract(35 - i, 'month').format('YYYY-MM'));
}

interface DemoRequest {
  unitPath: string[];
  acceptBy: Date;
  firstAcceptedAt?: Date | null;
}

/**
 * The acceptances within their deadline: the one counter the records cannot rebuild in general (the deadline in
 * force at each acceptance is not kept), known here because each demo request was accepted once, at its own level.
 */
function onTime(written: Written, months: readonly string[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  const add = (unitPath: readonly string[], at: Date, sums: Sums) => {
    if (!months.includes(monthOf(at))) return;
    for (const unitId of new Set(unitPath.slice(0, 2))) {
      const id = `${unitId}|${monthOf(at)}`;
      out.set(id, addSums(out.get(id) ?? {}, sums));
    }
  };
  const requests = new Map(list<DemoRequest & { _id: string }>(written, 'requests').map((r) => [r._id, r]));
  for (const e of list<{ subject: string; subjectId: string; event: string; at: Date }>(written, 'timeline')) {
    const r = e.subject === 'request' && e.event === 'accepted' ? requests.get(e.subjectId) : undefined;
    if (r && e.at <= r.acceptBy) add(r.unitPath, e.at, { 'request.acceptedOnTime': 1 });
  }
  for (const r of requests.values())
    if (r.firstAcceptedAt && r.firstAcceptedAt <= r.acceptBy)
      add(r.unitPath, r.firstAcceptedAt, { 'request.firstAcceptedOnTime': 1 });
  return out;
}

/** Writes the counters of the demo records: shard 0 of each unit-month, and the distinct markers. */
export async function seedCounters(db: SeedDatabase, written: Written, now: Date): Promise<void> {
  const months = monthsUpTo(now);
  const records: RecordSet = {
    requests: list(written, 'requests'),
    requestEvents: list<{ subject: string }>(written, 'timeline').filter(
      (e) => e.subject === 'request',
    ) as unknown as RecordSet['requestEvents'],
    pledges: list(written, 'pledges'),
    activities: list(written, 'activities'),
    visits: list(written, 'visits'),
  };
  const cells: Map<string, UnitMonth> = rebuildCounters(records, months);
  for (const [id, sums] of onTime(written, months)) {
    const [unitId, month] = id.split('|');
    const cell = cells.get(id) ?? {
      unitId,
      town: '',
      month,
      counts: {},
      placeCounts: {},
      markers: [],
      seen: new Set(),
    };
    addSums(cell.counts, sums);
    cells.set(id, cell);
  }
  for (const cell of cells.values()) {
    const counts = { ...cell.counts, ...cell.placeCounts };
    await db
      .collection('counters')
      .doc(counterId(cell.unitId, cell.month, 0))
      .set({ data: { unitId: cell.unitId, month: cell.month, shard: 0, counts: nestCounts(counts), updatedAt: now } });
    for (const m of cell.markers) {
      const hashed = markerKey(m.key);
      await db
        .collection('counters')
        .doc(markerId(cell.unitId, cell.month, m.name, hashed, m.sub))
        .set({
          data: {
            unitId: cell.unitId,
            town: cell.town,
            month: cell.month,
            name: m.name,
            key: hashed,
            sub: m.sub,
            seen: sightingsId(cell.town, m.name, hashed),
          },
        });
    }
  }
}
