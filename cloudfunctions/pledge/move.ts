import type { PledgeState } from '@honglin/types/pledge';
import type { CounterBump } from '../common/domain/metrics/bumps';
import { transition, type PledgeEvent } from '../common/domain/pledge';
import { bumpCounters } from '../common/counters';
import { inTransaction, txGet, type Tx } from '../common/db';
import { conflict, forbidden, notFound } from '../common/errors';
import { recordTimeline } from '../common/timeline';
import { PLEDGES, type PledgeDoc } from './store';

export interface Move {
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
  /** The event, from the pledge as read inside the transaction. */
  event: (pledge: PledgeDoc) => PledgeEvent;
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

/**
 * One transition of one pledge, in one transaction: read the pledge again, ask the state machine, write the
 * change, its timeline entry and its counters together. A move that lost a race finds the state moved on and
 * answers CONFLICT.
 */
export function movePledge(move: Move): Promise<PledgeDoc> {
  return inTransaction((tx) => applyMove(tx, move));
}

async function applyMove(tx: Tx, move: Move): Promise<PledgeDoc> {
  const pledge = await txGet<PledgeDoc>(tx, PLEDGES, move.id);
  if (!pledge) throw notFound('没有找到这条承诺');
  if (move.ownerOnly && pledge.ownerId !== move.actor) throw forbidden('只有承诺人本人可以这样做');
  if (move.alreadyMade?.(pledge)) return pledge;
  const event = move.event(pledge);
  const result = transition(pledge.state, event);
  if (!result.ok) throw conflict(result.reason);
  const changes: Partial<PledgeDoc> = { ...move.changes?.(pledge, result.to), state: result.to, updatedAt: move.now };
  await tx.collection(PLEDGES).doc(pledge._id).update({ data: changes });
  await recordTimeline(tx, {
    subject: 'pledge',
    subjectId: pledge._id,
    event: move.timelineEvent ?? event.type,
    from: pledge.state,
    to: result.to,
    actor: move.actor,
    at: move.now,
    ...(move.note ? { note: move.note } : {}),
    unitPath: pledge.unitPath,
  });
  const bump = move.counters?.(pledge);
  if (bump) await bumpCounters(tx, pledge.unitPath, move.countedAt ?? move.now, bump.deltas, bump.distinct);
  return { ...pledge, ...changes };
}
