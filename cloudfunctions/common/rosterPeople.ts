import type { RoleGrant } from '@honglin/types/org';
import type { RoleChangeVia } from '@honglin/types/user';
import { db } from './cloud';
import { rows, txGet, type Tx } from './db';
import { COLLECTIONS } from './collections';
import { applyRoleChange, grantsUnitIds, memberUnitIds } from './domain/roles';
import type { HeadRole } from './domain/roster';
import { conflict, notFound } from './errors';
import type { BranchDoc } from './org';
import { recordRoleChange, saveUser, type UserDoc } from './users';

/**
 * People of the town's rosters, shared by the roster function (import, join code, the invitation sheet) and the
 * user function (redeeming a personal invitation from that sheet links the record as the join code does).
 */
export const ROSTER_PEOPLE = COLLECTIONS.rosterPeople;

/**
 * A person of the town's rosters (党员花名册, the heads named by a village): a record without an account until the
 * person links it to theirs. Their roles are granted on linking.
 */
export interface RosterPersonDoc {
  _id: string;
  name: string;
  /** Private: the admins who keep the roster see it; the person confirms its last four digits to link. */
  phone: string;
  branchId: string | null;
  /** The branch's unit path: "members in village X" is one indexed query. */
  branchUnitPath: string[];
  homeUnitId: string | null;
  homeUnitPath: string[];
  joinedOn: string | null;
  headRoles: HeadRole[];
  /** The account (OPENID) that linked this record; null until then. */
  userId: string | null;
  linkedAt: Date | null;
  /** The personal invitation printed on the branch's invitation sheet (roster.sheet), once one was made. */
  inviteCode?: string;
  createdAt: Date;
  updatedAt: Date;
}

const NOT_ON_ROSTER = '名册里没有这个人，请重新选择您的名字';

/** The roles a roster names for a person, as grants: 党员 of their branch and any head role. */
function rosterGrants(person: RosterPersonDoc, branch: BranchDoc, at: Date, by: string): RoleGrant[] {
  const grantedAt = at.toISOString();
  return [
    {
      role: 'member',
      unitId: branch.unitId,
      unitPath: branch.unitPath,
      branchId: branch._id,
      grantedAt,
      grantedBy: by,
    },
    ...person.headRoles.map((r) => ({ ...r, grantedAt, grantedBy: by })),
  ];
}

/** Refuses a second record for a person who already linked another one (outside the transaction: one query). */
export async function refuseSecondRecord(openid: string, personId: string): Promise<void> {
  const [elsewhere] = await rows<Pick<RosterPersonDoc, '_id' | 'name'>>(
    db.collection(ROSTER_PEOPLE).where({ userId: openid }).field({ _id: true, name: true }).limit(2),
  );
  if (elsewhere && elsewhere._id !== personId) throw conflict(`您已认领名册中的“${elsewhere.name}”，不能再认领别人`);
}

export interface RosterLink {
  personId: string;
  branch: BranchDoc;
  /** The person linking, as read in this transaction. */
  user: UserDoc;
  now: Date;
  via: Extract<RoleChangeVia, 'roster' | 'invite'>;
  /** Who handed out what the person linked with (the admin of an invitation), for the change record. */
  actor?: { openid: string; name: string; inviteCode: string };
}

/**
 * 认领, inside the caller's transaction: the roster record becomes the person's, the roles it names are granted
 * with the role-change record, and their home unit is taken from the roster when they have none. Linking one's own
 * record again changes nothing and answers the same grants; a record someone else linked is refused.
 */
export async function linkRosterPerson(
  tx: Tx,
  link: RosterLink,
): Promise<{ grants: RoleGrant[]; person: RosterPersonDoc }> {
  const { branch, user, now } = link;
  const openid = user._id;
  const current = await txGet<RosterPersonDoc>(tx, ROSTER_PEOPLE, link.personId);
  if (!current || current.branchId !== branch._id) throw notFound(NOT_ON_ROSTER);
  if (current.userId && current.userId !== openid) throw conflict('这个名字已被别人认领，如有误请联系支部书记');
  const grants = rosterGrants(current, branch, now, link.actor?.openid ?? 'roster');
  if (current.userId === openid) return { grants, person: current };
  let roles = user.roles ?? [];
  const changed: RoleGrant[] = [];
  for (const grant of grants) {
    const next = applyRoleChange(roles, { type: 'grant', grant });
    if (next.ok) {
      roles = next.to;
      changed.push(...next.changed);
    }
  }
  const home =
    !user.homeUnitId && current.homeUnitId
      ? { homeUnitId: current.homeUnitId, homeUnitPath: current.homeUnitPath }
      : { homeUnitId: user.homeUnitId, homeUnitPath: user.homeUnitPath ?? [] };
  await saveUser(tx, { ...user, ...home, roles, unitIds: memberUnitIds(home.homeUnitPath, roles), updatedAt: now });
  await tx
    .collection(ROSTER_PEOPLE)
    .doc(current._id)
    .update({ data: { userId: openid, linkedAt: now } });
  if (changed.length > 0) {
    await recordRoleChange(tx, {
      change: 'grant',
      via: link.via,
      grants: changed,
      unitIds: grantsUnitIds(changed),
      subject: openid,
      subjectName: user.nickname,
      actor: link.actor?.openid ?? openid,
      actorName: link.actor?.name ?? user.nickname,
      at: now,
      targetName: branch.name,
      ...(link.actor ? { inviteCode: link.actor.inviteCode } : {}),
    });
  }
  return { grants, person: current };
}
