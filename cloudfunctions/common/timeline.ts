import type { Tx } from './db';
import { COLLECTIONS } from './collections';

export const TIMELINE_COLLECTION = COLLECTIONS.timeline;

/** One entry of an aggregate's history: who moved it, when, from which state to which, and why. */
export interface TimelineEntry {
  subject: 'pledge' | 'request' | 'activity' | 'role';
  subjectId: string;
  event: string;
  from: string | null;
  to: string | null;
  /** OPENID of who did it; 'system' for the scheduled sweeps. */
  actor: string;
  at: Date;
  note?: string;
  /** The subject's unit path, so a unit's history is one indexed query. */
  unitPath: readonly string[];
}

/** Writes the entry in the same transaction as the change it records. */
export async function recordTimeline(tx: Tx, entry: TimelineEntry): Promise<void> {
  await tx.collection(TIMELINE_COLLECTION).add({ data: { ...entry, unitPath: [...entry.unitPath] } });
}
