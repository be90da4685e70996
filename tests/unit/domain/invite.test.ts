import { createHash } from 'node:crypto';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '@honglin/types/user';
import {
  inviteCodeFromDigest,
  inviteStatusAt,
  transition,
  type InviteState,
  type InviteTransition,
} from '../../../cloudfunctions/common/domain/invite';

const expiresAt = new Date('2026-12-05T00:00:00Z');
const before = new Date('2026-12-04T23:59:59Z');
const after = new Date('2026-12-05T00:00:00Z');
const open: InviteState = { status: 'open', expiresAt };
const redeemedByA: InviteState = { status: 'redeemed', expiresAt, redeemedBy: 'A' };

/** Every (state, event) pair of the invitation: the next state or the refusal. */
const table: Array<[string, InviteState, { by: string; at: Date }, InviteTransition]> = [
  ['open, redeemed in time', open, { by: 'A', at: before }, { ok: true, to: redeemedByA, changed: true }],
  ['open, redeemed at the expiry instant', open, { by: 'A', at: after }, { ok: false, refusal: 'invite.expired' }],
  [
    'redeemed by A, A again in time',
    redeemedByA,
    { by: 'A', at: before },
    { ok: true, to: redeemedByA, changed: false },
  ],
  [
    'redeemed by A, A again after expiry',
    redeemedByA,
    { by: 'A', at: after },
    { ok: true, to: redeemedByA, changed: false },
  ],
  ['redeemed by A, B in time', redeemedByA, { by: 'B', at: before }, { ok: false, refusal: 'invite.usedByOther' }],
  ['redeemed by A, B after expiry', redeemedByA, { by: 'B', at: after }, { ok: false, refusal: 'invite.usedByOther' }],
];

describe('invitation transition', () => {
  it.each(table)('%s', (_name, state, event, expected) => {
    expect(transition(state, { type: 'redeem', ...event })).toEqual(expected);
  });

  it('shows open, expired or redeemed', () => {
    expect(inviteStatusAt(open, before)).toBe('open');
    expect(inviteStatusAt(open, after)).toBe('expired');
    expect(inviteStatusAt(redeemedByA, after)).toBe('redeemed');
  });
});

describe('invitation code', () => {
  const codeOf = (text: string) =>
    inviteCodeFromDigest(createHash('sha256').update(text).digest(), INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH);

  it('is 8 characters of the unambiguous alphabet, the same for the same input, different otherwise', () => {
    expect(INVITE_CODE_ALPHABET).toHaveLength(32);
    expect(INVITE_CODE_ALPHABET).not.toMatch(/[01IO]/);
    const codes = new Set(Array.from({ length: 2000 }, (_, i) => codeOf(`admin\nreq-${i}`)));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    expect(codeOf('admin\nreq-1')).toBe(codeOf('admin\nreq-1'));
  });
});
