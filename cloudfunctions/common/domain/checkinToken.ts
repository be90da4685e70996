import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The rotating check-in code of an activity: every 30 s window has its own token, an HMAC of
 * (activityId, window index) under a random secret kept on the activity document and never sent to a client.
 * The QR code carries the token; the 6-digit code derived from the same HMAC can be typed instead.
 * The current and the previous window are accepted (a code scanned just before it turned still works).
 */
export const CHECKIN_WINDOW_MS = 30_000;

export function newCheckinSecret(): string {
  return randomBytes(32).toString('hex');
}

export function windowOf(at: Date): number {
  return Math.floor(at.getTime() / CHECKIN_WINDOW_MS);
}

function mac(secret: string, activityId: string, window: number): Buffer {
  return createHmac('sha256', secret).update(`${activityId}:${window}`).digest();
}

export interface WindowCode {
  /** 10 url-safe characters: fits a mini-program code's 32-character scene with the activity id. */
  token: string;
  /** 6 digits. */
  code: string;
  expiresAt: Date;
}

export function codeFor(secret: string, activityId: string, at: Date): WindowCode {
  const window = windowOf(at);
  const digest = mac(secret, activityId, window);
  return {
    token: digest.subarray(0, 8).toString('base64url').slice(0, 10),
    code: String(digest.readUInt32BE(8) % 1_000_000).padStart(6, '0'),
    expiresAt: new Date((window + 1) * CHECKIN_WINDOW_MS),
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Is what the member presented (a scanned token or a typed code) valid for this activity now? */
export function verifyCheckin(
  secret: string,
  activityId: string,
  presented: { token: string } | { code: string },
  at: Date,
): boolean {
  return [0, 1].some((back) => {
    const expected = codeFor(secret, activityId, new Date(at.getTime() - back * CHECKIN_WINDOW_MS));
    return 'token' in presented ? same(presented.token, expected.token) : same(presented.code, expected.code);
  });
}
