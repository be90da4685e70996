import { DELETED_NICKNAME, deleteAccountInputSchema, type DeleteAccountResult } from '@honglin/types/user';
import { anyone } from '../common/access';
import { db } from '../common/cloud';
import { grantsUnitIds } from '../common/domain/roles';
import { inTransaction, txGet } from '../common/db';
import { forbidden } from '../common/errors';
import { defineAction } from '../common/runtime';
import {
  NOT_AGREED_MESSAGE,
  INVITES,
  ROLE_CHANGES,
  USERS,
  recordRoleChange,
  saveUser,
  type UserDoc,
} from '../common/users';

/**
 * 注销: the person's own data is erased (name, avatar, phone, roles) and the record marked deleted. Their home
 * unit stays, without anything that names them, so what they did still counts in their unit's statistics;
 * their records elsewhere stay, shown as 已注销用户.
 */
export const deleteAccount = defineAction({
  input: deleteAccountInputSchema,
  access: anyone,
  async handler(_input, { openid, caller, now }): Promise<DeleteAccountResult> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    await inTransaction(async (tx) => {
      const stored = await txGet<UserDoc>(tx, USERS, openid);
      if (!stored || stored.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
      const roles = stored.roles ?? [];
      if (roles.length > 0) {
        await recordRoleChange(tx, {
          change: 'revoke',
          via: 'account_deleted',
          grants: roles,
          unitIds: grantsUnitIds(roles),
          subject: openid,
          subjectName: DELETED_NICKNAME,
          actor: openid,
          actorName: DELETED_NICKNAME,
          at: now,
        });
      }
      await saveUser(tx, {
        _id: openid,
        nickname: DELETED_NICKNAME,
        avatarUrl: '',
        phone: '',
        homeUnitId: stored.homeUnitId,
        homeUnitPath: stored.homeUnitPath ?? [],
        roles: [],
        unitIds: stored.homeUnitPath ?? [],
        privacyAcceptedAt: null,
        privacyVersion: '',
        createdAt: stored.createdAt,
        updatedAt: now,
        deletedAt: now,
      });
    });
    // Names kept in the change log and on invitations (as subject, acting admin or inviter) are erased too.
    const changes = db.collection(ROLE_CHANGES);
    await changes.where({ subject: openid }).update({ data: { subjectName: DELETED_NICKNAME } });
    await changes.where({ actor: openid }).update({ data: { actorName: DELETED_NICKNAME } });
    await db
      .collection(INVITES)
      .where({ createdBy: openid })
      .update({ data: { createdByName: DELETED_NICKNAME } });
    return { deletedAt: now.toISOString() };
  },
});
