import type { Tx } from './db';
import { COLLECTIONS } from './collections';

export const TIMELINE_COLLECTION = COLLECTIONS.timeline;

/** One entry of an aggregate's history: who moved it, when, from which state to which, and why. */
export interface TimelineEntry {
  subject: 'pledge' | 'request' | 'activity';
  subjectId: string;
  event: string;
  from: string | null;
  to: string | null;
  /** OPENID of who did it; 'system' for the scheduled sweeps. */
  actor: string;
  /**
   * How the actor is shown, as they were then (a request's history names its handlers: '邻长 赵邻长'). Pledge and
   * activity histories show who moved them by part, so their entries carry none.
   */
  actorName?: string;
  at: Date;
  note?: string;
  /** The subject's unit path, so a unit's history is one indexed query. */
  unitPath: string[];
}

type TimelineFacts = Omit<TimelineEntry, 'unitPath'> & { unitPath: readonly string[] };

/**
 * The one way an entry is made: every field named, the unit path copied (the record's own array is not shared),
 * an absent name left out, and an empty note left out rather than stored empty.
 */
export function timelineEntry(facts: TimelineFacts): TimelineEntry {
  const { actorName, note, ...rest } = facts;
  return {
    ...rest,
    ...(actorName !== undefined ? { actorName } : {}),
    ...(note ? { note } : {}),
    unitPath: [...facts.unitPath],
  };
}

/** Writes the entry in the same transaction as the change it records. */
export async function recordTimeline(tx: Tx, facts: TimelineFacts): Promise<void> {
  await tx.collection(TIMELINE_COLLECTION).add({ data: { ...timelineEntry(facts) } });
}
