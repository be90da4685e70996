import { cloud } from './cloud';
import { qrCodeVersion } from './miniProgramVersion';

/** The page a scanned invitation opens (its `scene` is the code). */
export const REDEEM_PAGE = 'packages/account/redeem';

/**
 * The mini-program code of an invitation (an admin's invitation, or a personal one of a roster's invitation sheet),
 * stored as `invites/<code>.png`; '' when it could not be made (the short code still works).
 */
export async function makeInviteQrCode(code: string): Promise<string> {
  try {
    const qr = (await cloud.openapi.wxacode.getUnlimited({
      scene: code,
      page: REDEEM_PAGE,
      ...qrCodeVersion,
      width: 430,
    })) as {
      buffer?: Buffer;
    };
    if (!qr.buffer) return '';
    const { fileID } = await cloud.uploadFile({ cloudPath: `invites/${code}.png`, fileContent: qr.buffer });
    return fileID;
  } catch (error) {
    console.error('invitation QR code could not be made', error);
    return '';
  }
}
