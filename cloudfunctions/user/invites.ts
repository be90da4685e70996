import { createHash } from 'node:crypto';
import { ROLE_LABELS, ROLE_UNIT_KIND, UNIT_KIND_LABELS, type RoleGrant } from '@honglin/types/org';
import {
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  createInviteInputSchema,
  redeemInviteInputSchema,
  type InviteView,
  type RedeemInviteResult,
} from '@honglin/types/user';
import { anyone, roles } from '../common/access';
import { db } from '../common/cloud';
import { inviteCodeFromDigest, inviteStatusAt, transition, type InviteState } from '../common/domain/invite';
import { ADMIN_ROLES, applyRoleChange, grantView, mayGrant, memberUnitIds, roleFitsUnit } from '../common/domain/roles';
import { inTransaction, txGet, type Tx } from '../common/db';
import { makeInviteQrCode } from '../common/inviteQr';
import { conflict, forbidden, invalidArgument, notFound } from '../common/errors';
import { refusalError } from '../common/moves';
import { BRANCHES, roleTargetScope, type BranchDoc, type RoleTargetResource } from '../common/org';
import { linkRosterPerson, refuseSecondRecord, ROSTER_PEOPLE, type RosterPersonDoc } from '../common/rosterPeople';
import { tallyOne } from '../common/domain/limits';
import { LIMITS, refuseWhenReached } from '../common/limits';
import { defineAction } from '../common/runtime';
import {
  NOT_AGREED_MESSAGE,
  INVITES,
  USERS,
  nameOf,
  recordRoleChange,
  saveUser,
  type InviteDoc,
  type UserDoc,
} from '../common/users';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Refuses a role the admin may not hand out, or one that does not belong in that kind of unit. */
export function checkGrantable(
  adminGrants: readonly RoleGrant[],
  role: RoleGrant['role'],
  target: RoleTargetResource,
): void {
  if (!mayGrant(adminGrants, role)) throw forbidden('村管理员不能设置管理员角色，请联系镇管理员');
  if (target.unit && !roleFitsUnit(role, target.unit.kind)) {
    const kind = ROLE_UNIT_KIND[role];
    throw invalidArgument(`${ROLE_LABELS[role]}只能设在${kind ? UNIT_KIND_LABELS[kind] : '党支部'}这一级`);
  }
}

function inviteCode(openid: string, requestId: string): string {
  const digest = createHash('sha256').update(`${openid}\n${requestId}`).digest();
  return inviteCodeFromDigest(digest, INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH);
}

function stateOf(invite: InviteDoc): InviteState {
  const expiresAt = new Date(invite.expiresAt);
  return invite.redeemedBy
    ? { status: 'redeemed', expiresAt, redeemedBy: invite.redeemedBy }
    : { status: 'open', expiresAt };
}

export function inviteView(invite: InviteDoc, now: Date): InviteView {
  return {
    code: invite._id,
    role: invite.role,
    unitId: invite.unitId,
    ...(invite.branchId ? { branchId: invite.branchId } : {}),
    targetName: invite.targetName,
    status: inviteStatusAt(stateOf(invite), now),
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    qrFileId: invite.qrFileId,
  };
}

/**
 * A one-time invitation to one role in one unit (or branch), valid for some days (7 by default): a short code
 * and a mini-program code to scan. Retrying with the same requestId gives the same invitation.
 */
export const createInvite = defineAction({
  input: createInviteInputSchema,
  access: roles(ADMIN_ROLES, roleTargetScope),
  async handler(input, { openid, caller, grants, resource, now }): Promise<InviteView> {
    checkGrantable(grants, input.role, resource);
    const code = inviteCode(openid, input.requestId);
    const invite = await inTransaction(async (tx) => {
      const existing = await txGet<InviteDoc>(tx, INVITES, code);
      if (existing) {
        if (existing.createdBy !== openid || existing.requestId !== input.requestId) throw conflict('请再试一次');
        return existing;
      }
      const created: InviteDoc = {
        _id: code,
        requestId: input.requestId,
        role: input.role,
        unitId: resource.unitId,
        unitPath: resource.unitPath,
        ...(resource.branch ? { branchId: resource.branch._id } : {}),
        targetName: resource.targetName,
        createdBy: openid,
        createdByName: nameOf(caller),
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
        qrFileId: '',
      };
      const { _id, ...data } = created;
      await tx.collection(INVITES).doc(_id).set({ data });
      return created;
    });
    // Only the call that made the invitation renders its QR code: retries racing it answer the invitation as stored
    // (the short code works alone), so twenty retries never render twenty codes.
    const madeNow = new Date(invite.createdAt).getTime() === now.getTime();
    if (invite.qrFileId || !madeNow) return inviteView(invite, now);
    const qrFileId = await makeInviteQrCode(code);
    if (qrFileId) await db.collection(INVITES).doc(code).update({ data: { qrFileId } });
    return inviteView({ ...invite, qrFileId }, now);
  },
});

/**
 * A personal invitation of a roster's invitation sheet: the roster record becomes the person's, with the roles it
 * names (as linking with the join code does), and the invitation is used.
 */
async function redeemRosterInvite(
  tx: Tx,
  invite: InviteDoc,
  user: UserDoc,
  changed: boolean,
  now: Date,
): Promise<RedeemInviteResult> {
  const personId = invite.rosterPersonId ?? '';
  const branch = invite.branchId ? await txGet<BranchDoc>(tx, BRANCHES, invite.branchId) : null;
  if (!branch) throw notFound('这个党支部已不存在，请联系管理员');
  const answer = (grant: RoleGrant, person: RosterPersonDoc | null): RedeemInviteResult => ({
    grant,
    targetName: invite.targetName,
    personName: person?.name ?? '',
  });
  if (!changed) {
    const grant: RoleGrant = {
      role: invite.role,
      unitId: invite.unitId,
      unitPath: invite.unitPath,
      branchId: branch._id,
      grantedAt: new Date(invite.redeemedAt ?? now).toISOString(),
      grantedBy: invite.createdBy,
    };
    return answer(grant, await txGet<RosterPersonDoc>(tx, ROSTER_PEOPLE, personId));
  }
  await refuseSecondRecord(user._id, personId);
  const linked = await linkRosterPerson(tx, {
    personId,
    branch,
    user,
    now,
    via: 'invite',
    actor: { openid: invite.createdBy, name: invite.createdByName, inviteCode: invite._id },
  });
  await tx
    .collection(INVITES)
    .doc(invite._id)
    .update({ data: { redeemedBy: user._id, redeemedAt: now } });
  return answer(linked.grants[0], linked.person);
}

/**
 * The invited person redeems the code: the role is theirs, recorded with the invitation. Redeeming one's own
 * redeemed code again gives the same answer; anyone else gets CONFLICT, as does an expired code.
 */
export const redeemInvite = defineAction({
  input: redeemInviteInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<RedeemInviteResult> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    const outcome = await inTransaction(async (tx): Promise<RedeemInviteResult | 'wrong'> => {
      // The person's wrong codes are tallied on their own record, read and written in this transaction, so
      // guesses sent at once are counted one by one; once the limit is reached even a right code waits.
      const user = await txGet<UserDoc>(tx, USERS, openid);
      if (!user || user.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
      refuseWhenReached(LIMITS.inviteGuess, user.inviteMisses, now);
      const invite = await txGet<InviteDoc>(tx, INVITES, input.code);
      if (!invite) {
        await tx
          .collection(USERS)
          .doc(openid)
          .update({ data: { inviteMisses: tallyOne(user.inviteMisses, LIMITS.inviteGuess, now) } });
        return 'wrong';
      }
      const next = transition(stateOf(invite), { type: 'redeem', by: openid, at: now });
      if (!next.ok) throw refusalError(next.refusal);
      if (invite.rosterPersonId) return redeemRosterInvite(tx, invite, user, next.changed, now);
      const grant: RoleGrant = {
        role: invite.role,
        unitId: invite.unitId,
        unitPath: invite.unitPath,
        ...(invite.branchId ? { branchId: invite.branchId } : {}),
        grantedAt: new Date(invite.redeemedAt ?? now).toISOString(),
        grantedBy: invite.createdBy,
      };
      const answer = { grant: grantView(grant), targetName: invite.targetName };
      if (!next.changed) return answer;
      const roles = applyRoleChange(user.roles ?? [], { type: 'grant', grant });
      await tx
        .collection(INVITES)
        .doc(invite._id)
        .update({ data: { redeemedBy: openid, redeemedAt: now } });
      if (roles.ok && roles.changed.length > 0) {
        await saveUser(tx, {
          ...user,
          roles: roles.to,
          unitIds: memberUnitIds(user.homeUnitPath ?? [], roles.to),
          updatedAt: now,
        });
        await recordRoleChange(tx, {
          change: 'grant',
          via: 'invite',
          grants: roles.changed,
          unitIds: grant.unitPath,
          subject: openid,
          subjectName: user.nickname,
          actor: invite.createdBy,
          actorName: invite.createdByName,
          at: now,
          targetName: invite.targetName,
          inviteCode: invite._id,
        });
      }
      return answer;
    });
    if (outcome === 'wrong') throw notFound('没有找到这个邀请码，请核对后重新输入');
    return outcome;
  },
});
