import type { RequestDoc } from '../../../cloudfunctions/request/store';
import { P, ok, rid, type World } from '../request/world';

/** A resident's problem as `request.submit` takes it. */
export const problem = (extra: object = {}) => ({
  requestId: rid(),
  category: 'help',
  text: '村口路灯坏了，晚上走路看不见',
  ...extra,
});

/**
 * What the request tests do again and again in the request town (request/world.ts): submit, read a stored request,
 * count documents and a unit's counters. Bound to the world lazily: each test file starts its own in a beforeAll.
 */
export function requestTools(world: () => World) {
  async function submitted(extra: object = {}, by: string = P.villager): Promise<string> {
    return ok(await world().call('request', 'submit', problem(extra), by)).id;
  }

  async function stored(id: string): Promise<RequestDoc> {
    const { data } = (await world().db.collection('requests').doc(id).get()) as unknown as { data: RequestDoc };
    return data;
  }

  async function countOf(collection: string, where: object): Promise<number> {
    const { total } = (await world().db.collection(collection).where(where).count()) as { total: number };
    return total;
  }

  async function counters(unitId: string): Promise<Record<string, number>> {
    const { data } = (await world().db.collection('counters').where({ unitId }).get()) as unknown as {
      data: Array<{ counts: Record<string, number> }>;
    };
    // Counter names contain a dot: a month's first event stores them as keys, later $inc on dot paths nests them.
    const total: Record<string, number> = {};
    const add = (prefix: string, value: unknown) => {
      if (typeof value === 'number') total[prefix] = (total[prefix] ?? 0) + value;
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) add(prefix ? `${prefix}.${k}` : k, v);
    };
    for (const doc of data) add('', doc.counts);
    return total;
  }

  return { submitted, stored, countOf, counters };
}
