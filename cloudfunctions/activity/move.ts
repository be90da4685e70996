import type { ActivityStatus } from '@honglin/types/activity';
import { transition, type ActivityEvent } from '../common/domain/activity';
import type { Refusal } from '../common/domain/transition';
import { inTransaction } from '../common/db';
import { moveRecord, type MoveCount, type RecordKind } from '../common/moves';
import { ACTIVITIES, type ActivityDoc } from './store';

const ACTIVITY: RecordKind<ActivityDoc> = {
  subject: 'activity',
  collection: ACTIVITIES,
  missing: 'activity.missing',
  stateOf: (a) => a.status,
  write: 'update',
};

interface ActivityMove {
  id: string;
  actor: string;
  now: Date;
  event: ActivityEvent;
  /**
   * What else the session's own facts refuse, on the activity as read inside the transaction (the day check-in
   * opens, the back-dating window): a refusal of the table, or thrown when its words depend on the session.
   */
  check?: (activity: ActivityDoc) => Refusal | null;
  /** The fields the move changes besides status and updatedAt. */
  changes?: (activity: ActivityDoc) => Partial<ActivityDoc>;
  note?: string;
  counters?: (activity: ActivityDoc, to: ActivityStatus) => readonly MoveCount[];
}

/** One transition of one activity, in its own transaction, through the move engine (common/moves.ts). */
export async function moveActivity(move: ActivityMove): Promise<ActivityDoc> {
  const { after } = await inTransaction((tx) =>
    moveRecord(tx, ACTIVITY, {
      id: move.id,
      actor: move.actor,
      now: move.now,
      decide: (a) => {
        const result = transition(a.status, move.event);
        if (!result.ok) return result;
        const refused = move.check?.(a);
        return refused ? { ok: false, refusal: refused } : { ...result, event: move.event.type };
      },
      changes: (a, to) => ({ ...move.changes?.(a), status: to, updatedAt: move.now }),
      note: move.note,
      counters: (a, moved) => move.counters?.(a, moved.status) ?? [],
    }),
  );
  return after;
}
