import { parseScene, sceneOf } from '@honglin/types/activity';
import {
  CHECKIN_WINDOW_MS,
  codeFor,
  newCheckinSecret,
  verifyCheckin,
} from '../../../cloudfunctions/common/domain/checkinToken';

describe('rotating check-in code', () => {
  const secret = newCheckinSecret();
  const t0 = new Date(Date.UTC(2026, 10, 28, 6, 0, 0));
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('changes every 30 seconds and stays the same within a window', () => {
    const a = codeFor(secret, 'act1', t0);
    expect(codeFor(secret, 'act1', later(29_999))).toEqual(a);
    const b = codeFor(secret, 'act1', later(CHECKIN_WINDOW_MS));
    expect(b.token).not.toBe(a.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(a.code).toMatch(/^\d{6}$/);
    expect(a.expiresAt).toEqual(later(CHECKIN_WINDOW_MS));
  });

  it('accepts the current and the previous window, not older', () => {
    const { token, code } = codeFor(secret, 'act1', t0);
    expect(verifyCheckin(secret, 'act1', { token }, t0)).toBe(true);
    expect(verifyCheckin(secret, 'act1', { code }, later(CHECKIN_WINDOW_MS + 5_000))).toBe(true);
    expect(verifyCheckin(secret, 'act1', { token }, later(2 * CHECKIN_WINDOW_MS))).toBe(false);
    expect(verifyCheckin(secret, 'act1', { code }, later(2 * CHECKIN_WINDOW_MS))).toBe(false);
  });

  it('refuses a token of another activity, another secret or a guess', () => {
    const { token, code } = codeFor(secret, 'act1', t0);
    expect(verifyCheckin(secret, 'act2', { token }, t0)).toBe(false);
    expect(verifyCheckin(newCheckinSecret(), 'act1', { token }, t0)).toBe(false);
    expect(verifyCheckin(secret, 'act1', { token: 'AAAAAAAAAA' }, t0)).toBe(false);
    expect(verifyCheckin(secret, 'act1', { code: code === '000000' ? '000001' : '000000' }, t0)).toBe(false);
  });

  it('fits the mini-program scene and reads back', () => {
    const { token } = codeFor(secret, 'a1b2c3d4e5f6a7b8', t0);
    const scene = sceneOf('a1b2c3d4e5f6a7b8', token);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(parseScene(scene)).toEqual({ id: 'a1b2c3d4e5f6a7b8', token });
    expect(parseScene('nonsense')).toBeNull();
  });
});
