import { config } from './config';

/**
 * The version of the mini-program that QR codes and subscribe messages open (config/honglin.json
 * `miniProgramVersion`): `trial` while the town tests the 体验版, `release` once it is published. Without the key,
 * release, as WeChat itself assumes.
 */
export type MiniProgramVersion = 'release' | 'trial' | 'develop';

export const miniProgramVersion: MiniProgramVersion =
  (config as { miniProgramVersion?: MiniProgramVersion }).miniProgramVersion ?? 'release';

/**
 * wxacode.getUnlimited options naming that version. `checkPath` asks WeChat to refuse a page the released version
 * lacks, so it is on for release only: a trial or develop version may hold pages no release has yet.
 */
export const qrCodeVersion = { envVersion: miniProgramVersion, checkPath: miniProgramVersion === 'release' };

/** subscribeMessage.send `miniprogramState` of that version: which version a tap on the message opens. */
export const messageState = ({ release: 'formal', trial: 'trial', develop: 'developer' } as const)[miniProgramVersion];
