import type { HouseholdHistoryEntry, HouseholdTag, HouseholdView } from '@honglin/types/household';
import { ROLE_LABELS, type RoleGrant } from '@honglin/types/org';
import { maskPhone } from '@honglin/types/mask';
import { COLLECTIONS } from './collections';
import type { CallerRecord } from './runtime';

/** Collection of the households (农户) under their neighbourhoods (declared in cloudfunctions/database.json). */
export const HOUSEHOLDS = COLLECTIONS.households;

export interface HouseholdDoc {
  _id: string;
  /** The neighbourhood it lives in, and that unit's path (a village's households are one indexed query). */
  unitId: string;
  unitPath: string[];
  headName: string;
  /** Private: in full for the admins of its village, masked for heads and the town (seesHouseholdPhones). */
  phone: string;
  address: string;
  size: number | null;
  tags: HouseholdTag[];
  closedAt: Date | null;
  /** The same household in any roster file: its neighbourhood, head's name and address (see householdKey). */
  naturalKey: string;
  /** `by`: the openid of who made the change (never shown: answers carry `byName`). */
  history: HouseholdHistoryDoc[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export type HouseholdHistoryDoc = Omit<HouseholdHistoryEntry, 'at'> & { at: Date; by?: string };

/** How a roster row finds the household it already is: one neighbourhood, one head of household, one address. */
export function householdKey(unitId: string, headName: string, address: string): string {
  return [unitId, headName.replace(/\s+/g, ''), address.replace(/\s+/g, '')].join('|');
}

/** Households' phones are for the village that keeps the household list: its own admins. Masked for heads and the town. */
export function seesHouseholdPhones(grants: readonly RoleGrant[], unitPath: readonly string[]): boolean {
  return grants.some((g) => g.role === 'village_admin' && unitPath.includes(g.unitId));
}

export function householdView(doc: HouseholdDoc, unitName: string, phoneInFull: boolean): HouseholdView {
  return {
    _id: doc._id,
    unitId: doc.unitId,
    unitName,
    headName: doc.headName,
    phone: phoneInFull ? doc.phone : maskPhone(doc.phone),
    address: doc.address,
    size: doc.size,
    tags: doc.tags,
    closed: doc.closedAt !== null,
    history: doc.history.map(({ by: _by, ...h }) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}

/**
 * Who made a change, for the household's history: their openid (kept, never shown) and their name with the role that
 * let them (shown), as they were named at the time.
 */
export function changedBy(
  openid: string,
  caller: CallerRecord | null,
  grants: readonly RoleGrant[],
): { by: string; byName: string } {
  const name = (caller as (CallerRecord & { nickname?: string }) | null)?.nickname ?? '';
  const role = grants[0] ? ROLE_LABELS[grants[0].role] : '';
  return { by: openid, byName: [role, name].filter(Boolean).join(' ') };
}
