import type { RoleGrant, RoleName, UserRecord } from '@honglin/types/org';
import type { RoleChangeVia } from '@honglin/types/user';
import type { Tx } from './db';
import type { Tally } from './domain/limits';
import { COLLECTIONS } from './collections';

/** People and their roles: collections the user and roster functions share (declared in cloudfunctions/database.json). */
export const USERS = COLLECTIONS.users;
export const INVITES = COLLECTIONS.invites;
export const ROLE_CHANGES = COLLECTIONS.roleChanges;

/** Said to someone not stored yet: only a person who agreed to the privacy guideline is kept (and may act). */
export const NOT_AGREED_MESSAGE = '请先阅读并同意隐私保护指引';

/** A stored person (`_id` = OPENID), created only when they agree to the privacy guideline. */
export interface UserDoc extends UserRecord {
  privacyVersion: string;
  /** Home unit path and every role's unit path together: "people of unit X" is one indexed query. */
  unitIds: string[];
  updatedAt: Date;
  /** Wrong invitation codes this person presented in the current window (common/limits.ts). */
  inviteMisses?: Tally;
  /** Wrong join codes or phone digits while linking a roster record, in the current window (LIMITS.rosterLinkGuess). */
  linkMisses?: Tally;
  /** A new avatar waiting for the image check (common/pendingPhotos.ts): admins are shown none meanwhile. */
  pendingPhotos?: string[];
}

/** A one-time invitation; `_id` is its short code. */
export interface InviteDoc {
  _id: string;
  requestId: string;
  role: RoleName;
  unitId: string;
  unitPath: string[];
  branchId?: string;
  targetName: string;
  createdBy: string;
  /** The inviter's name at the time, for the change log; erased if they delete their account. */
  createdByName: string;
  createdAt: Date;
  expiresAt: Date;
  qrFileId: string;
  /** A personal invitation of the invitation sheet (roster.sheet): redeeming it links this roster record. */
  rosterPersonId?: string;
  redeemedBy?: string;
  redeemedAt?: Date;
}

/** One recorded change of someone's roles (who, when, what, to whom), written with the change itself. */
export interface RoleChangeDoc {
  change: 'grant' | 'revoke';
  via: RoleChangeVia;
  grants: RoleGrant[];
  /** Every unit the grants touch (with ancestors): a unit's log is one indexed query. */
  unitIds: string[];
  subject: string;
  /** Names as they were at the time; erased when that person deletes their account. */
  subjectName: string;
  actor: string;
  actorName: string;
  at: Date;
  /** The unit's or branch's name as it was, for a change of one role. */
  targetName?: string;
  inviteCode?: string;
}

/** Writes a person's whole record inside a transaction (a replace: arrays such as roles are never merged). */
export async function saveUser(tx: Tx, user: UserDoc): Promise<void> {
  const { _id, ...data } = user;
  await tx
    .collection(USERS)
    .doc(_id)
    .set({ data: { ...data } });
}

export async function recordRoleChange(tx: Tx, change: RoleChangeDoc): Promise<void> {
  await tx.collection(ROLE_CHANGES).add({ data: { ...change, grants: [...change.grants] } });
}

/** The caller's name as stored (the runtime hands handlers the whole record). */
export function nameOf(caller: { _id: string } | null): string {
  return (caller as Partial<UserDoc> | null)?.nickname ?? '';
}
