import type { SubscriptionKind } from '@honglin/types/user';
import { command, db } from './cloud';
import { COLLECTIONS } from './collections';
import { byId, isDuplicateKey } from './db';

/**
 * Accepted one-time subscriptions (一次性订阅消息), `_id` = OPENID: `counts.<kind>` is how many messages of that kind
 * the person has allowed and not yet been sent. WeChat lets one message through per acceptance and drops the rest,
 * so a notice goes out only while its count is above zero, and each one sent spends one.
 */
export const SUBSCRIPTIONS = COLLECTIONS.subscriptions;

export interface SubscriptionsDoc {
  _id: string;
  counts: Partial<Record<SubscriptionKind, number>>;
  updatedAt: Date;
}

interface UpdateResult {
  stats?: { updated?: number };
}

const updated = (result: unknown): number => (result as UpdateResult).stats?.updated ?? 0;

/** Adds one allowed message of each kind; the person's document is created on their first acceptance. */
export async function addSubscriptions(
  openid: string,
  kinds: readonly SubscriptionKind[],
  now: Date,
): Promise<SubscriptionsDoc['counts']> {
  const increments = Object.fromEntries(kinds.map((kind) => [`counts.${kind}`, command.inc(1)]));
  const mine = db.collection(SUBSCRIPTIONS).where({ _id: openid });
  if (updated(await mine.update({ data: { ...increments, updatedAt: now } })) === 0) {
    try {
      const counts = Object.fromEntries(kinds.map((kind) => [kind, 1]));
      await db.collection(SUBSCRIPTIONS).add({ data: { _id: openid, counts, updatedAt: now } });
    } catch (error) {
      // Another acceptance of theirs created it meanwhile: add to it.
      if (!isDuplicateKey(error)) throw error;
      await mine.update({ data: { ...increments, updatedAt: now } });
    }
  }
  return (await byId<SubscriptionsDoc>(SUBSCRIPTIONS, openid))?.counts ?? {};
}

/**
 * Spends one allowed message of a kind, if the person has one: true when a message may be sent now. One conditional
 * update, so two notices at once never spend the same acceptance.
 */
export async function spendSubscription(openid: string, kind: SubscriptionKind): Promise<boolean> {
  const result = await db
    .collection(SUBSCRIPTIONS)
    .where({ _id: openid, [`counts.${kind}`]: command.gt(0) })
    .update({ data: { [`counts.${kind}`]: command.inc(-1) } });
  return updated(result) === 1;
}
