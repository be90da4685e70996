import type { InviteStatus } from '@honglin/types/user';

/**
 * An invitation (邀请) to one role in one unit: open until it is redeemed by one person or expires.
 * Redeeming is idempotent for the person who redeemed it; anyone else is refused.
 */
export type InviteState =
  { status: 'open'; expiresAt: Date } | { status: 'redeemed'; expiresAt: Date; redeemedBy: string };

export type InviteEvent = { type: 'redeem'; by: string; at: Date };

export type InviteRefusal = 'expired' | 'used_by_other';

export type InviteTransition =
  { ok: true; state: InviteState; changed: boolean } | { ok: false; refusal: InviteRefusal };

export function transition(state: InviteState, event: InviteEvent): InviteTransition {
  switch (state.status) {
    case 'open':
      if (event.at.getTime() >= state.expiresAt.getTime()) return { ok: false, refusal: 'expired' };
      return {
        ok: true,
        state: { status: 'redeemed', expiresAt: state.expiresAt, redeemedBy: event.by },
        changed: true,
      };
    case 'redeemed':
      // The same person again (a retried tap, a second scan): the same answer, nothing changes — even after expiry.
      if (state.redeemedBy === event.by) return { ok: true, state, changed: false };
      return { ok: false, refusal: 'used_by_other' };
  }
}

/** What the invitation looks like to an admin at a moment. */
export function inviteStatusAt(state: InviteState, at: Date): InviteStatus {
  if (state.status === 'redeemed') return 'redeemed';
  return at.getTime() >= state.expiresAt.getTime() ? 'expired' : 'open';
}

export const INVITE_REFUSAL_MESSAGES: Record<InviteRefusal, string> = {
  expired: '这个邀请码已过期，请联系管理员重新邀请',
  used_by_other: '这个邀请码已被其他人使用，每个邀请码只能用一次',
};

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
