import {
  PRIVACY_VERSION,
  acceptPrivacyInputSchema,
  updateProfileInputSchema,
  type AcceptPrivacyResult,
  type Profile,
} from '@honglin/types/user';
import { anyone } from '../common/access';
import { checkImages, checkText, SCENE } from '../common/content';
import { memberUnitIds } from '../common/domain/roles';
import { inTransaction, txGet } from '../common/db';
import { conflict, forbidden, invalidArgument } from '../common/errors';
import { withPending } from '../common/pendingPhotos';
import { loadUnit, type UnitDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { grantFirstTownAdmin, isFirstTownAdmin } from './bootstrap';
import { NOT_AGREED_MESSAGE, USERS, saveUser, type UserDoc } from '../common/users';

function newUser(openid: string, now: Date): UserDoc {
  return {
    _id: openid,
    nickname: '',
    avatarUrl: '',
    homeUnitId: null,
    homeUnitPath: [],
    roles: [],
    unitIds: [],
    privacyAcceptedAt: now,
    privacyVersion: PRIVACY_VERSION,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

/**
 * The person agrees to the privacy guideline (隐私保护指引). Only now is a record of them kept; agreeing again
 * (a new version) updates the date. Someone who deleted their account and comes back starts afresh.
 */
export const acceptPrivacy = defineAction({
  input: acceptPrivacyInputSchema,
  access: anyone,
  async handler(_input, { openid, now }): Promise<AcceptPrivacyResult> {
    return inTransaction(async (tx) => {
      const stored = await txGet<UserDoc & { erasure?: unknown }>(tx, USERS, openid);
      // Coming back before the erasure ended would hand the new account to the erasure still going on.
      if (stored?.erasure) throw conflict('账号注销正在处理，请过几分钟再试');
      let user =
        stored && !stored.deletedAt
          ? {
              ...stored,
              roles: stored.roles ?? [],
              privacyAcceptedAt: now,
              privacyVersion: PRIVACY_VERSION,
              updatedAt: now,
            }
          : newUser(openid, now);
      if (isFirstTownAdmin(openid)) user = await grantFirstTownAdmin(tx, user, now);
      await saveUser(tx, user);
      return { privacyAcceptedAt: now.toISOString() };
    });
  },
});

/** Name, avatar, phone and home unit (a village or a smaller unit). Only the fields given change. */
export const updateProfile = defineAction({
  input: updateProfileInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<Profile> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    await checkText(openid, SCENE.profile, [input.nickname]);
    let home: UnitDoc | null = null;
    if (input.homeUnitId !== undefined) {
      home = await loadUnit(input.homeUnitId);
      if (home.kind === 'town') throw invalidArgument('请选择您所在的村（社区），或更具体的片、组、邻');
    }
    const { profile, avatarBefore } = await inTransaction(async (tx) => {
      const stored = await txGet<UserDoc>(tx, USERS, openid);
      if (!stored || stored.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
      const roles = stored.roles ?? [];
      const homeUnitPath = home ? home.path : (stored.homeUnitPath ?? []);
      const user: UserDoc = {
        ...stored,
        roles,
        nickname: input.nickname ?? stored.nickname,
        avatarUrl: input.avatarUrl ?? stored.avatarUrl,
        ...(input.avatarUrl && input.avatarUrl !== stored.avatarUrl
          ? { pendingPhotos: withPending(stored.pendingPhotos, [input.avatarUrl]) }
          : {}),
        phone: input.phone ?? stored.phone ?? '',
        homeUnitId: home ? home._id : stored.homeUnitId,
        homeUnitPath,
        unitIds: memberUnitIds(homeUnitPath, roles),
        updatedAt: now,
      };
      await saveUser(tx, user);
      const saved: Profile = {
        nickname: user.nickname,
        avatarUrl: user.avatarUrl,
        phone: user.phone ?? '',
        homeUnitId: user.homeUnitId,
      };
      return { profile: saved, avatarBefore: stored.avatarUrl };
    });
    // A new avatar goes to WeChat's image check; a refused one comes off the profile when the verdict arrives.
    if (input.avatarUrl && input.avatarUrl !== avatarBefore) {
      await checkImages(openid, SCENE.profile, { collection: USERS, id: openid, field: 'avatarUrl', single: true }, [
        input.avatarUrl,
      ]);
    }
    return profile;
  },
});
