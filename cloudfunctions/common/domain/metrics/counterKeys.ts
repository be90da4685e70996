import { createHash } from 'node:crypto';
import type { DistinctName } from '@honglin/types/metrics';

/**
 * The ids and shapes of the counter documents (cloudfunctions/common/counters.ts), pure: the functions and the
 * local cloud's demo seed (emulator/seed/counters.ts) write the same documents.
 */

export function counterId(unitId: string, month: string, shard: number): string {
  return `${unitId}_${month}_${shard}`;
}

/** Distinct keys are stored hashed: the dashboard counts them and never needs to know whose they are. */
export function markerKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

/** `hashed`: the key as markerKey made it. */
export function markerId(unitId: string, month: string, name: DistinctName, hashed: string, sub = ''): string {
  return `${unitId}_${month}_${name}_${hashed}${sub ? `_${sub}` : ''}`;
}

/** The sightings document of a (town, name, hashed key). */
export function sightingsId(town: string, name: DistinctName, hashed: string): string {
  return `${town}_${name}_${hashed}`;
}

/** `{'a.b': 1, 'a.c': 2}` → `{a: {b: 1, c: 2}}`: the shape `$inc` on `counts.a.b` keeps. */
export function nestCounts(flat: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, n] of Object.entries(flat)) {
    const parts = name.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = n;
  }
  return out;
}
