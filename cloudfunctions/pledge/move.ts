import type { PledgeState } from '@honglin/types/pledge';
import type { CounterBump } from '../common/domain/metrics/bumps';
import { transition, type PledgeEvent } from '../common/domain/pledge';
import type { Refusal } from '../common/domain/transition';
import { inTransaction } from '../common/db';
import { moveRecord, type RecordKind } from '../common/moves';
import { PLEDGES, type PledgeDoc } from './store';

const PLEDGE: RecordKind<PledgeDoc> = {
  subject: 'pledge',
  collection: PLEDGES,
  missing: 'pledge.missing',
  stateOf: (p) => p.state,
  write: 'update',
};

interface PledgeMove {
  id: string;
  actor: string;
  now: Date;
  /** Only the owner may make this move. */
  ownerOnly?: boolean;
  /**
   * True when the move is already made (a retried create that lost the race to its own first attempt): the
   * pledge is answered as it is and nothing is written.
   */
  alreadyMade?: (pledge: PledgeDoc) => boolean;
  /** The event, from the pledge as read inside the transaction, or why none can be made. */
  event: (pledge: PledgeDoc) => PledgeEvent | Refusal;
  /** The timeline's name for it (defaults to the event type). */
  timelineEvent?: string;
  note?: string;
  /** The fields the move changes besides state and updatedAt, from the pledge as re-read. */
  changes?: (pledge: PledgeDoc, to: PledgeState) => Partial<PledgeDoc>;
  /** What the move adds to the statistics counters (and distinct markers), from the pledge as re-read. */
  counters?: (pledge: PledgeDoc) => CounterBump | null;
  /** When the counters count the move, if not at `now` (a fulfilment: the day it happened). */
  countedAt?: Date;
}

/** One transition of one pledge, in its own transaction, through the move engine (common/moves.ts). */
export async function movePledge(move: PledgeMove): Promise<PledgeDoc> {
  const { after } = await inTransaction((tx) =>
    moveRecord(tx, PLEDGE, {
      id: move.id,
      actor: move.actor,
      now: move.now,
      refuse: (p) => (move.ownerOnly && p.ownerId !== move.actor ? 'pledge.notOwner' : null),
      alreadyMade: move.alreadyMade,
      decide: (p) => {
        const event = move.event(p);
        if (typeof event === 'string') return { ok: false, refusal: event };
        const result = transition(p.state, event);
        return result.ok ? { ...result, event: event.type } : result;
      },
      changes: (p, to) => ({ ...move.changes?.(p, to), state: to, updatedAt: move.now }),
      timelineEvent: move.timelineEvent,
      note: move.note,
      counters: (p) => {
        const bump = move.counters?.(p);
        return bump ? [{ bump, at: move.countedAt }] : [];
      },
    }),
  );
  return after;
}
