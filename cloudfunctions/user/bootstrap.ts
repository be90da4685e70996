import type { RoleGrant } from '@honglin/types/org';
import { config } from '../common/config';
import { inTransaction, txGet, type Tx } from '../common/db';
import { TOWN_ROOT_ID } from '@honglin/types/org-api';
import { UNITS, type UnitDoc } from '../common/org';
import { memberUnitIds } from '../common/domain/roles';
import { USERS, recordRoleChange, saveUser, type RoleChangeDoc, type UserDoc } from '../common/users';

/** OPENIDs that deployment configuration makes town admins; never settable by a client. */
export function isFirstTownAdmin(openid: string): boolean {
  return (config.firstTownAdmins as readonly string[]).includes(openid);
}

/**
 * Gives a configured first town admin the town_admin role of the town root, inside the caller's transaction,
 * creating the root from the configured town name if the tree is still empty (a fresh deployment).
 * Records the change. Returns the person with the grant (unchanged if they already hold it).
 */
export async function grantFirstTownAdmin(tx: Tx, user: UserDoc, now: Date): Promise<UserDoc> {
  if (user.roles.some((g) => g.role === 'town_admin' && g.unitId === TOWN_ROOT_ID)) return user;
  if (!(await txGet<UnitDoc>(tx, UNITS, TOWN_ROOT_ID))) {
    const root: Omit<UnitDoc, '_id'> = {
      kind: 'town',
      name: config.town.name,
      parentId: null,
      path: [TOWN_ROOT_ID],
      order: 0,
      createdAt: now,
      createdBy: 'bootstrap',
    };
    await tx.collection(UNITS).doc(TOWN_ROOT_ID).set({ data: root });
  }
  const grant: RoleGrant = {
    role: 'town_admin',
    unitId: TOWN_ROOT_ID,
    unitPath: [TOWN_ROOT_ID],
    grantedAt: now.toISOString(),
    grantedBy: 'bootstrap',
  };
  const roles = [...user.roles, grant];
  const change: RoleChangeDoc = {
    change: 'grant',
    via: 'bootstrap',
    grants: [grant],
    unitIds: grant.unitPath,
    subject: user._id,
    subjectName: user.nickname,
    actor: 'bootstrap',
    actorName: '部署配置',
    at: now,
    targetName: config.town.name,
  };
  await recordRoleChange(tx, change);
  return { ...user, roles, unitIds: memberUnitIds(user.homeUnitPath, roles), updatedAt: now };
}

/** For a known person already stored: the grant in its own transaction. */
export async function bootstrapTownAdmin(openid: string, now: Date): Promise<UserDoc | null> {
  return inTransaction(async (tx) => {
    const user = await txGet<UserDoc>(tx, USERS, openid);
    if (!user || user.deletedAt) return null;
    const current = { ...user, roles: user.roles ?? [] };
    const next = await grantFirstTownAdmin(tx, current, now);
    if (next !== current) await saveUser(tx, next);
    return next;
  });
}
