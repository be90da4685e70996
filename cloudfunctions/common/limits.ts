import { randomBytes } from 'node:crypto';
import { shanghai } from '@honglin/types/time';
import { command, db } from './cloud';
import { inTransaction, rows, txGet } from './db';
import { limitReached, reopensAt, tallyOfTimes, type Tally, type WindowLimit } from './domain/limits';
import { rateLimited } from './errors';
import { COLLECTIONS } from './collections';

/**
 * Limits against abuse (RATE_LIMITED, with a Chinese message that says when to try again). Every limit is per
 * person or per unit, so nobody's abuse locks out anyone else (the town's own admins included). The rule is
 * domain/limits.ts; this module keeps the tallies:
 * - on the person's own record (`users`, read anyway by the runtime): wrong invitation codes;
 * - the records themselves, when each use leaves one: request submits, comments;
 * - a slot document in `limits` for work that may run once at a time: exports of a unit.
 * The check-in code guessing limit keeps its tally on the activity (activity/checkin.ts), by the same rule.
 */

const HOUR_MS = 60 * 60_000;

export interface NamedLimit extends WindowLimit {
  /** What was done too often, for the message. */
  doing: string;
}

export const LIMITS = {
  /**
   * 提交诉求 by one person: far above what a busy villager raises (a few a month), so only a flood meets it.
   * Heads' reports on residents' behalf are their work and are not limited.
   */
  requestSubmit: { max: 60, windowMs: HOUR_MS, doing: '提交诉求' },
  /** 留言 on requests by one person. */
  comment: { max: 60, windowMs: HOUR_MS, doing: '留言' },
  /** Wrong invitation codes presented by one person. */
  inviteGuess: { max: 5, windowMs: HOUR_MS, doing: '输错邀请码' },
  /** Wrong join codes or last four phone digits presented by one person linking a roster record. */
  rosterLinkGuess: { max: 5, windowMs: HOUR_MS, doing: '输错入支部码或手机号后四位' },
} satisfies Record<string, NamedLimit>;

/** How long an export holds its unit's slot at most: the stats function's own time limit (config.json). */
export const EXPORT_SLOT_MS = 60_000;

/** The collection of slot documents (`_id` = what runs once at a time). */
export const LIMITS_COLLECTION = COLLECTIONS.limits;

const clock = (at: Date) => shanghai(at).format('HH:mm');

function windowText(limit: WindowLimit): string {
  return limit.windowMs === HOUR_MS ? '每小时' : `每${Math.round(limit.windowMs / 60_000)}分钟`;
}

/** The answer when a limit is reached: what, how many, and from when it is allowed again. */
export function limitMessage(limit: NamedLimit, allowedAgainAt: Date): string {
  return `${limit.doing}次数太多（${windowText(limit)}最多${limit.max}次），请在${clock(allowedAgainAt)}以后再试`;
}

/** Refuses with RATE_LIMITED when the tally has reached the limit. */
export function refuseWhenReached(limit: NamedLimit, tally: Tally | undefined, now: Date): void {
  if (tally && limitReached(tally, limit, now)) throw rateLimited(limitMessage(limit, reopensAt(tally, limit)));
}

/**
 * Refuses with RATE_LIMITED when the person's own records within the window (the query's condition, e.g. their
 * requests) have reached the limit. One read: the times of the last `max` of them.
 */
export async function refuseWhenRecordsReach(
  limit: NamedLimit,
  collection: string,
  condition: Record<string, unknown>,
  timeField: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - limit.windowMs);
  const recent = await rows<Record<string, Date>>(
    db
      .collection(collection)
      .where({ ...condition, [timeField]: command.gte(since) })
      .orderBy(timeField, 'desc')
      .limit(limit.max)
      .field({ [timeField]: true }),
  );
  refuseWhenReached(
    limit,
    tallyOfTimes(
      recent.map((r) => r[timeField]),
      limit,
      now,
    ),
    now,
  );
}

interface SlotDoc {
  _id: string;
  runningUntil: Date | null;
  holder: string;
}

/**
 * Runs `work` only when nothing else holds the slot `key` (e.g. one export per unit at a time); otherwise
 * RATE_LIMITED saying when the running one will have ended. The slot is freed when the work ends, or by itself
 * after `holdMs` (the work's time limit) if the instance died.
 */
export async function oneAtATime<T>(
  key: string,
  busyMessage: (until: string) => string,
  now: Date,
  holdMs: number,
  work: () => Promise<T>,
): Promise<T> {
  // Whose the slot is: this run's own random token (nothing about the person), so only it frees the slot.
  const holder = randomBytes(12).toString('hex');
  await inTransaction(async (tx) => {
    const slot = await txGet<SlotDoc>(tx, LIMITS_COLLECTION, key);
    if (slot?.runningUntil && new Date(slot.runningUntil).getTime() > now.getTime()) {
      throw rateLimited(busyMessage(clock(new Date(new Date(slot.runningUntil).getTime() + 60_000))));
    }
    await tx
      .collection(LIMITS_COLLECTION)
      .doc(key)
      .set({ data: { runningUntil: new Date(now.getTime() + holdMs), holder } });
  });
  try {
    return await work();
  } finally {
    await db
      .collection(LIMITS_COLLECTION)
      .where({ _id: key, holder })
      .update({ data: { runningUntil: null } });
  }
}
