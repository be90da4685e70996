import { randomInt } from 'node:crypto';
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
import { ADMIN_ROLES } from '../common/domain/roles';
import { conflict, forbidden, invalidArgument, notFound } from '../common/errors';
import { tallyOne } from '../common/domain/limits';
import { LIMITS, refuseWhenReached } from '../common/limits';
import { BRANCHES, branchScope, loadBranch, type BranchDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { linkRosterPerson, refuseSecondRecord, ROSTER_PEOPLE, type RosterPersonDoc } from '../common/rosterPeople';
import { NOT_AGREED_MESSAGE, USERS, type UserDoc } from '../common/users';
import { JOIN_CODES, type JoinCodeDoc } from './store';

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

/**
 * Counts one wrong answer (an unknown code, wrong digits) on the person's own record, in a transaction so answers
 * sent at once are counted one by one, and says how many tries are left.
 */
async function countWrong(openid: string, now: Date): Promise<string> {
  const tally = await inTransaction(async (tx) => {
    const user = await txGet<UserDoc>(tx, USERS, openid);
    if (!user || user.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
    refuseWhenReached(LIMITS.rosterLinkGuess, user.linkMisses, now);
    const next = tallyOne(user.linkMisses, LIMITS.rosterLinkGuess, now);
    await tx
      .collection(USERS)
      .doc(openid)
      .update({ data: { linkMisses: next } });
    return next;
  });
  return `（还可以试${LIMITS.rosterLinkGuess.max - tally.count}次）`;
}

/** The branch a join code names; an unknown code counts as a wrong try. */
async function branchOfCode(code: string, openid: string, now: Date): Promise<BranchDoc> {
  const found = await byId<JoinCodeDoc>(JOIN_CODES, code);
  if (!found) throw notFound(`没有这个入支部码，请核对后重新输入${await countWrong(openid, now)}`);
  return loadBranch(found.branchId);
}

/** With the branch's join code: the names on its roster nobody has linked yet, to pick one's own. */
export const joinNames = defineAction({
  input: rosterJoinNamesInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<RosterJoinNames> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    refuseWhenReached(LIMITS.rosterLinkGuess, (caller as UserDoc).linkMisses, now);
    const branch = await branchOfCode(input.code, openid, now);
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
    refuseWhenReached(LIMITS.rosterLinkGuess, (caller as UserDoc).linkMisses, now);
    const branch = await branchOfCode(input.code, openid, now);
    const person = await byId<RosterPersonDoc>(ROSTER_PEOPLE, input.personId);
    if (!person || person.branchId !== branch._id) throw notFound('名册里没有这个人，请重新选择您的名字');
    if (person.userId !== openid && person.phone.slice(-4) !== input.phoneLast4) {
      throw invalidArgument(`手机号后四位不对，请核对${await countWrong(openid, now)}`);
    }
    await refuseSecondRecord(openid, person._id);
    const granted = await inTransaction(async (tx) => {
      const user = await txGet<UserDoc>(tx, USERS, openid);
      if (!user || user.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
      const linked = await linkRosterPerson(tx, { personId: person._id, branch, user, now, via: 'roster' });
      return linked.grants;
    });
    return { name: person.name, branchName: branch.name, roles: granted.map((g) => ROLE_LABELS[g.role]) };
  },
});
