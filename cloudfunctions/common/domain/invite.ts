import type { InviteStatus } from '@honglin/types/user';
import { refuse, type Transition } from './transition';

/**
 * An invitation (邀请) to one role in one unit: open until it is redeemed by one person or expires.
 * Redeeming is idempotent for the person who redeemed it; anyone else is refused.
 */
export type InviteState =
  { status: 'open'; expiresAt: Date } | { status: 'redeemed'; expiresAt: Date; redeemedBy: string };

export type InviteEvent = { type: 'redeem'; by: string; at: Date };

/** The next state, and whether it changed anything (a retried redeem by the same person does not). */
export type InviteTransition = Transition<InviteState, { changed: boolean }>;

export function transition(state: InviteState, event: InviteEvent): InviteTransition {
  switch (state.status) {
    case 'open':
      if (event.at.getTime() >= state.expiresAt.getTime()) return refuse('invite.expired');
      return {
        ok: true,
        to: { status: 'redeemed', expiresAt: state.expiresAt, redeemedBy: event.by },
        changed: true,
      };
    case 'redeemed':
      // The same person again (a retried tap, a second scan): the same answer, nothing changes — even after expiry.
      if (state.redeemedBy === event.by) return { ok: true, to: state, changed: false };
      return refuse('invite.usedByOther');
  }
}

/** What the invitation looks like to an admin at a moment. */
export function inviteStatusAt(state: InviteState, at: Date): InviteStatus {
  if (state.status === 'redeemed') return 'redeemed';
  return at.getTime() >= state.expiresAt.getTime() ? 'expired' : 'open';
}

/**
 * The short code of an invitation, derived from its creator and their request id so a retried create finds the
 * same invitation (one document, no query). `digest` is a hash of both; 5 bits per character of a 32-letter alphabet.
 */
export function inviteCodeFromDigest(digest: Uint8Array, alphabet: string, length: number): string {
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < length) {
      bits -= 5;
      code += alphabet[(value >> bits) & 31];
    }
    if (code.length === length) break;
  }
  return code;
}
