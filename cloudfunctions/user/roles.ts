import type { Page } from '@honglin/types/common';
import type { RoleGrant } from '@honglin/types/org';
import {
  grantRoleInputSchema,
  listRoleChangesInputSchema,
  revokeRoleInputSchema,
  type RoleChangeResult,
  type RoleChangeView,
} from '@honglin/types/user';
import { roles } from '../common/access';
import { db } from '../common/cloud';
import { ADMIN_ROLES, applyRoleChange, grantView, memberUnitIds } from '../common/domain/roles';
import { inTransaction, txGet } from '../common/db';
import { forbidden, notFound } from '../common/errors';
import { refusalError } from '../common/moves';
import { roleTargetScope, unitScope } from '../common/org';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { checkGrantable } from './invites';
import {
  ROLE_CHANGES,
  USERS,
  nameOf,
  recordRoleChange,
  saveUser,
  type RoleChangeDoc,
  type UserDoc,
} from '../common/users';

const NO_SUCH_PERSON = '找不到这个人：对方需要先打开小程序并同意隐私保护指引';

/** An admin gives a person a role directly (in the admin's unit or below). Granting a role already held changes nothing. */
export const grantRole = defineAction({
  input: grantRoleInputSchema,
  access: roles(ADMIN_ROLES, roleTargetScope),
  async handler(input, { openid, caller, grants, resource, now }): Promise<RoleChangeResult> {
    checkGrantable(grants, input.role, resource);
    const grant: RoleGrant = {
      role: input.role,
      unitId: resource.unitId,
      unitPath: resource.unitPath,
      ...(resource.branch ? { branchId: resource.branch._id } : {}),
      grantedAt: now.toISOString(),
      grantedBy: openid,
    };
    return inTransaction(async (tx) => {
      const person = await txGet<UserDoc>(tx, USERS, input.openid);
      if (!person || person.deletedAt) throw notFound(NO_SUCH_PERSON);
      const next = applyRoleChange(person.roles ?? [], { type: 'grant', grant });
      if (next.ok && next.changed.length > 0) {
        await saveUser(tx, {
          ...person,
          roles: next.to,
          unitIds: memberUnitIds(person.homeUnitPath ?? [], next.to),
          updatedAt: now,
        });
        await recordRoleChange(tx, {
          change: 'grant',
          via: 'direct',
          grants: next.changed,
          unitIds: grant.unitPath,
          subject: person._id,
          subjectName: person.nickname,
          actor: openid,
          actorName: nameOf(caller),
          at: now,
          targetName: resource.targetName,
        });
      }
      return { openid: person._id, roles: (next.ok ? next.to : (person.roles ?? [])).map(grantView) };
    });
  },
});

/** An admin takes a role away (in the admin's unit or below). Admins cannot drop their own admin role. */
export const revokeRole = defineAction({
  input: revokeRoleInputSchema,
  access: roles(ADMIN_ROLES, roleTargetScope),
  async handler(input, { openid, caller, grants, resource, now }): Promise<RoleChangeResult> {
    checkGrantable(grants, input.role, resource);
    if (input.openid === openid && ADMIN_ROLES.includes(input.role)) {
      throw forbidden('不能撤销自己的管理员角色，请由其他管理员操作');
    }
    const target = {
      role: input.role,
      unitId: resource.unitId,
      ...(resource.branch ? { branchId: resource.branch._id } : {}),
    };
    return inTransaction(async (tx) => {
      const person = await txGet<UserDoc>(tx, USERS, input.openid);
      if (!person || person.deletedAt) throw notFound(NO_SUCH_PERSON);
      const next = applyRoleChange(person.roles ?? [], { type: 'revoke', target });
      if (!next.ok) throw refusalError(next.refusal);
      await saveUser(tx, {
        ...person,
        roles: next.to,
        unitIds: memberUnitIds(person.homeUnitPath ?? [], next.to),
        updatedAt: now,
      });
      await recordRoleChange(tx, {
        change: 'revoke',
        via: 'direct',
        grants: next.changed,
        unitIds: resource.unitPath,
        subject: person._id,
        subjectName: person.nickname,
        actor: openid,
        actorName: nameOf(caller),
        at: now,
        targetName: resource.targetName,
      });
      return { openid: person._id, roles: next.to.map(grantView) };
    });
  },
});

function changeView(doc: RoleChangeDoc & { _id: string }): RoleChangeView {
  return {
    id: doc._id,
    change: doc.change,
    via: doc.via,
    grants: doc.grants.map(grantView),
    subject: doc.subject,
    subjectName: doc.subjectName,
    actorName: doc.actorName,
    at: new Date(doc.at).toISOString(),
    ...(doc.targetName ? { targetName: doc.targetName } : {}),
    ...(doc.inviteCode ? { inviteCode: doc.inviteCode } : {}),
  };
}

/** The role change log of a unit and below, newest first: who changed whose role, when, how. */
export const listRoleChanges = defineAction({
  input: listRoleChangesInputSchema,
  access: roles(
    ADMIN_ROLES,
    unitScope((input: { unitId: string }) => input.unitId),
  ),
  async handler(input): Promise<Page<RoleChangeView>> {
    const page = await pageOf<RoleChangeDoc & { _id: string }>(
      db.collection(ROLE_CHANGES),
      { unitIds: input.unitId },
      'at',
      input.cursor,
      input.size,
    );
    return { items: page.items.map(changeView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});
