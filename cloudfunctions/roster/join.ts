import { randomInt } from 'node:crypto';
import type { RoleGrant } from '@honglin/types/org';
import {
  JOIN_CODE_LENGTH,
  rosterJoinCodeInputSchema,
  rosterJoinNamesInputSchema,
  rosterLinkInputSchema,
  type RosterJoinCode,
  type RosterJoinNames,
  type RosterLinkResult,
} from '@honglin/types/roster';
import { INVITE_CODE_ALPHABET } from '@honglin/types/user';
import { ROLE_LABELS } from '@honglin/types/org';
import { anyone, roles } from '../common/access';
import { db } from '../common/cloud';
import { byId, inTransaction, rows, txGet } from '../common/db';
import { ADMIN_ROLES, applyRoleChange, grantsUnitIds, memberUnitIds } from '../common/domain/roles';
import { conflict, forbidden, invalidArgument, notFound, rateLimited } from '../common/errors';
import { BRANCHES, branchScope, loadBranch, type BranchDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { NOT_AGREED_MESSAGE, USERS, recordRoleChange, saveUser, type UserDoc } from '../common/users';
import {
  JOIN_CODES,
  LINK_TRIES,
  ROSTER_PEOPLE,
  type JoinCodeDoc,
  type LinkTriesDoc,
  type RosterPersonDoc,
} from './store';

/** Wrong answers (unknown codes, wrong digits) one person may give in an hour before they must wait. */
const LINK_TRIES_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;
const TOO_MANY = '输错的次数太多了，请一小时后再试，或请支部书记给您发个人邀请';

function newJoinCode(): string {
  return Array.from(
    { length: JOIN_CODE_LENGTH },
    () => INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)],
  ).join('');
}

/** The branch's join code for its roster, made on first ask (the same code after that), for its secretary and admins. */
export const joinCode = defineAction({
  input: rosterJoinCodeInputSchema,
  access: roles(
    ['branch_secretary', ...ADMIN_ROLES],
    branchScope((i: { branchId: string }) => i.branchId),
  ),
  async handler(_input, { openid, resource: branch, now }): Promise<RosterJoinCode> {
    const answer = (code: string) => ({ code, branchId: branch._id, branchName: branch.name });
    if (branch.joinCode) return answer(branch.joinCode);
    const code = await inTransaction(async (tx) => {
      const current = await txGet<BranchDoc>(tx, BRANCHES, branch._id);
      if (current?.joinCode) return current.joinCode;
      const made = newJoinCode();
      if (await txGet<JoinCodeDoc>(tx, JOIN_CODES, made)) throw conflict('请再试一次');
      await tx
        .collection(JOIN_CODES)
        .doc(made)
        .set({ data: { branchId: branch._id, createdBy: openid, createdAt: now } });
      await tx
        .collection(BRANCHES)
        .doc(branch._id)
        .update({ data: { joinCode: made } });
      return made;
    });
    return answer(code);
  },
});

/** Refuses a person who has guessed wrong too often this hour; otherwise their tries so far. */
async function triesOf(openid: string, now: Date): Promise<LinkTriesDoc> {
  const tries = await byId<LinkTriesDoc>(LINK_TRIES, openid);
  if (!tries || now.getTime() - new Date(tries.windowStart).getTime() >= HOUR_MS) {
    return { _id: openid, windowStart: now, wrong: 0 };
  }
  if (tries.wrong >= LINK_TRIES_PER_HOUR) throw rateLimited(TOO_MANY);
  return tries;
}

async function countWrong(tries: LinkTriesDoc): Promise<number> {
  const wrong = tries.wrong + 1;
  await db
    .collection(LINK_TRIES)
    .doc(tries._id)
    .set({ data: { windowStart: tries.windowStart, wrong } });
  return LINK_TRIES_PER_HOUR - wrong;
}

/** The branch a join code names; an unknown code counts as a wrong try. */
async function branchOfCode(code: string, tries: LinkTriesDoc): Promise<BranchDoc> {
  const found = await byId<JoinCodeDoc>(JOIN_CODES, code);
  if (!found) {
    const left = await countWrong(tries);
    throw notFound(left > 0 ? `没有这个入支部码，请核对后重新输入（还可以试${left}次）` : TOO_MANY);
  }
  return loadBranch(found.branchId);
}

/** With the branch's join code: the names on its roster nobody has linked yet, to pick one's own. */
export const joinNames = defineAction({
  input: rosterJoinNamesInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<RosterJoinNames> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    const branch = await branchOfCode(input.code, await triesOf(openid, now));
    const people = await rows<Pick<RosterPersonDoc, '_id' | 'name'>>(
      db
        .collection(ROSTER_PEOPLE)
        .where({ branchId: branch._id, userId: null })
        .field({ _id: true, name: true })
        .limit(1000),
    );
    return {
      branchName: branch.name,
      people: people.map((p) => ({ personId: p._id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    };
  },
});

/** The roles a roster names for a person, as grants: 党员 of their branch and any head role. */
function grantsOf(person: RosterPersonDoc, branch: BranchDoc, at: Date): RoleGrant[] {
  const grantedAt = at.toISOString();
  return [
    {
      role: 'member',
      unitId: branch.unitId,
      unitPath: branch.unitPath,
      branchId: branch._id,
      grantedAt,
      grantedBy: 'roster',
    },
    ...person.headRoles.map((r) => ({ ...r, grantedAt, grantedBy: 'roster' })),
  ];
}

/**
 * 认领: the caller says which person of the branch's roster they are and confirms the last four digits of the phone
 * on record. The record is theirs and the roles it names are granted, with the role-change record. Linking one's
 * own record again gives the same answer; wrong digits count against a few tries an hour.
 */
export const link = defineAction({
  input: rosterLinkInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<RosterLinkResult> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    const tries = await triesOf(openid, now);
    const branch = await branchOfCode(input.code, tries);
    const person = await byId<RosterPersonDoc>(ROSTER_PEOPLE, input.personId);
    if (!person || person.branchId !== branch._id) throw notFound('名册里没有这个人，请重新选择您的名字');
    if (person.userId !== openid && person.phone.slice(-4) !== input.phoneLast4) {
      const left = await countWrong(tries);
      throw invalidArgument(left > 0 ? `手机号后四位不对，请核对（还可以试${left}次）` : TOO_MANY);
    }
    const [elsewhere] = await rows<Pick<RosterPersonDoc, '_id' | 'name'>>(
      db.collection(ROSTER_PEOPLE).where({ userId: openid }).field({ _id: true, name: true }).limit(2),
    );
    if (elsewhere && elsewhere._id !== person._id)
      throw conflict(`您已认领名册中的“${elsewhere.name}”，不能再认领别人`);
    const granted = await inTransaction(async (tx) => {
      const current = await txGet<RosterPersonDoc>(tx, ROSTER_PEOPLE, person._id);
      if (!current) throw notFound('名册里没有这个人，请重新选择您的名字');
      if (current.userId && current.userId !== openid) throw conflict('这个名字已被别人认领，如有误请联系支部书记');
      const user = await txGet<UserDoc>(tx, USERS, openid);
      if (!user || user.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
      const grants = grantsOf(current, branch, now);
      if (current.userId === openid) return grants;
      let roles = user.roles ?? [];
      const changed: RoleGrant[] = [];
      for (const grant of grants) {
        const next = applyRoleChange(roles, { type: 'grant', grant });
        if (next.ok) {
          roles = next.roles;
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
          via: 'roster',
          grants: changed,
          unitIds: grantsUnitIds(changed),
          subject: openid,
          subjectName: user.nickname,
          actor: openid,
          actorName: user.nickname,
          at: now,
          targetName: branch.name,
        });
      }
      return grants;
    });
    return { name: person.name, branchName: branch.name, roles: granted.map((g) => ROLE_LABELS[g.role]) };
  },
});
