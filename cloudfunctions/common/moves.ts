import { bumpCounters } from './counters';
import { txGet, type Tx } from './db';
import type { CounterBump } from './domain/metrics/bumps';
import { REFUSALS, type Refusal, type Transition } from './domain/transition';
import { AppError } from './errors';
import { recordTimeline, type TimelineEntry } from './timeline';

/**
 * The one engine that moves a record (a pledge, a request, an activity) through its state machine, inside the
 * caller's transaction: read the record again, re-check who asks, ask the pure machine, write the record, its
 * timeline entry and its counters together. The first transaction to commit wins; the loser is re-run by the SDK,
 * reads the moved record and gets the machine's refusal (CONFLICT), so concurrent moves have exactly one winner.
 *
 * Adding a move (say a new request transition): the event and its rule in the machine
 * (common/domain/<record>.ts), its refusal in common/domain/transition.ts if it has a new one, and the action
 * that calls the record's mover (pledge/move.ts, request/transitions.ts, activity/move.ts) with its changes.
 */

/** The envelope error a refusal answers with. */
export function refusalError(refusal: Refusal): AppError {
  const { error, message } = REFUSALS[refusal];
  return new AppError(error, message);
}

/** What every moved record has: its id and the unit path its history is filed under. */
interface Movable {
  _id: string;
  unitPath: readonly string[];
}

/** One kind of record with a state machine. */
export interface RecordKind<D extends Movable> {
  subject: TimelineEntry['subject'];
  collection: string;
  /** The refusal when the record does not exist. */
  missing: Refusal;
  /** The record's state, as its timeline names it. */
  stateOf(doc: D): string;
  /** 'update' writes the fields a move changes; 'replace' writes the whole record. */
  write: 'update' | 'replace';
}

/** Counters a move adds to: by default under the record's unit path, in the month of the move. */
export interface MoveCount {
  bump: CounterBump;
  unitPath?: readonly string[];
  at?: Date;
}

interface Move<D extends Movable, To, Event extends string = string> {
  id: string;
  actor: string;
  /** How the timeline shows the actor; only a request's history names people. */
  actorName?: string;
  now: Date;
  /** A refusal because of who asks, checked on the record as it is now (before anything else). */
  refuse?(doc: D): Refusal | null;
  /**
   * True when the move is already made (a retry that lost the race to its own first attempt): the record is
   * answered as it is and nothing is written.
   */
  alreadyMade?(doc: D): boolean;
  /** The pure machine's answer for the record as it is now, naming what happened. */
  decide(doc: D): Transition<To, { event: Event }>;
  /** The fields the move writes, for the state the machine chose (the state and updatedAt among them). */
  changes(doc: D, to: To): Partial<D>;
  /** The timeline's name when it is not the machine's (a rating recorded on a resident's behalf). */
  timelineEvent?: string;
  note?: string;
  counters?(before: D, after: D): readonly MoveCount[];
}

interface Moved<D, Event extends string = string> {
  before: D;
  after: D;
  /** The machine's name for what happened; null when the move was already made. */
  event: Event | null;
}

export async function moveRecord<D extends Movable, To, Event extends string = string>(
  tx: Tx,
  kind: RecordKind<D>,
  move: Move<D, To, Event>,
): Promise<Moved<D, Event>> {
  const before = await txGet<D>(tx, kind.collection, move.id);
  if (!before) throw refusalError(kind.missing);
  const refused = move.refuse?.(before);
  if (refused) throw refusalError(refused);
  if (move.alreadyMade?.(before)) return { before, after: before, event: null };
  const result = move.decide(before);
  if (!result.ok) throw refusalError(result.refusal);
  const changes = move.changes(before, result.to);
  const after: D = { ...before, ...changes };
  const record = tx.collection(kind.collection).doc(before._id);
  if (kind.write === 'replace') {
    const { _id, ...whole } = after;
    await record.set({ data: whole as Record<string, unknown> });
  } else {
    await record.update({ data: changes as Record<string, unknown> });
  }
  await recordTimeline(tx, {
    subject: kind.subject,
    subjectId: before._id,
    event: move.timelineEvent ?? result.event,
    from: kind.stateOf(before),
    to: kind.stateOf(after),
    actor: move.actor,
    ...(move.actorName !== undefined ? { actorName: move.actorName } : {}),
    at: move.now,
    note: move.note,
    unitPath: before.unitPath,
  });
  for (const { bump, unitPath, at } of move.counters?.(before, after) ?? []) {
    await bumpCounters(tx, unitPath ?? before.unitPath, at ?? move.now, bump.deltas, bump.distinct);
  }
  return { before, after, event: result.event };
}
