import { createHash } from 'node:crypto';
import { SHEET_INVITE_DAYS, rosterSheetInputSchema, type RosterFile, type RosterSheet } from '@honglin/types/roster';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '@honglin/types/user';
import { shanghai } from '@honglin/types/time';
import { roles } from '../common/access';
import { cloud, command, db } from '../common/cloud';
import { inTransaction, rows, txGet } from '../common/db';
import { inviteCodeFromDigest } from '../common/domain/invite';
import { ADMIN_ROLES } from '../common/domain/roles';
import { AppError } from '../common/errors';
import { makeInviteQrCode } from '../common/inviteQr';
import { BRANCHES, UNITS, type BranchDoc, type UnitDoc } from '../common/org';
import { ROSTER_PEOPLE, type RosterPersonDoc } from '../common/rosterPeople';
import { defineAction } from '../common/runtime';
import { INVITES, nameOf, type InviteDoc } from '../common/users';
import { everyRow, rosterUnitScope } from './scope';
import { invitationSheet, type SheetSlip } from './sheetPdf';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Invitations (with their codes) one call makes: each is a transaction, a code and an upload. */
const INVITES_PER_CALL = 25;
/** Codes one call lays out: each is a download and a decode. A branch is never split across calls. */
const CODES_PER_CALL = 90;
const DOWNLOADS_AT_ONCE = 8;
/** An invitation printed again must still hold this long; one closer to its end is replaced by a new one. */
const KEEP_DAYS = 7;

type SheetPerson = Pick<RosterPersonDoc, '_id' | 'name' | 'branchId' | 'homeUnitId' | 'inviteCode'>;

const lastsLongEnough = (invite: InviteDoc, now: Date) =>
  !invite.redeemedBy && new Date(invite.expiresAt).getTime() - now.getTime() > KEEP_DAYS * DAY_MS;

/** Is this invitation still worth printing: open, with its code, and not about to run out? */
const printable = (invite: InviteDoc | undefined, now: Date): invite is InviteDoc =>
  !!invite && !!invite.qrFileId && lastsLongEnough(invite, now);

async function invitesByCode(codes: string[]): Promise<Map<string, InviteDoc>> {
  const found = new Map<string, InviteDoc>();
  for (let i = 0; i < codes.length; i += 100) {
    const page = await rows<InviteDoc>(
      db
        .collection(INVITES)
        .where({ _id: command.in(codes.slice(i, i + 100)) })
        .limit(100),
    );
    for (const invite of page) found.set(invite._id, invite);
  }
  return found;
}

/**
 * The person's personal invitation, made once: read again in a transaction so two prints at once make one. A new
 * code only replaces one that was used up or is about to run out. Its mini-program code is made after, and again
 * by a later print if making it failed.
 */
async function ensureInvite(
  person: SheetPerson,
  branch: BranchDoc,
  admin: { openid: string; name: string },
  now: Date,
): Promise<boolean> {
  const invite = await inTransaction(async (tx) => {
    const current = await txGet<RosterPersonDoc>(tx, ROSTER_PEOPLE, person._id);
    if (!current || current.userId || current.branchId !== branch._id) return null;
    const existing = current.inviteCode ? await txGet<InviteDoc>(tx, INVITES, current.inviteCode) : null;
    if (existing && lastsLongEnough(existing, now)) return existing;
    const digest = createHash('sha256').update(`roster\n${person._id}\n${now.toISOString()}`).digest();
    const code = inviteCodeFromDigest(digest, INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH);
    const created: Omit<InviteDoc, '_id'> = {
      requestId: `roster-${person._id}`.slice(0, 64),
      role: 'member',
      unitId: branch.unitId,
      unitPath: branch.unitPath,
      branchId: branch._id,
      targetName: branch.name,
      createdBy: admin.openid,
      createdByName: admin.name,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SHEET_INVITE_DAYS * DAY_MS),
      qrFileId: '',
      rosterPersonId: person._id,
    };
    await tx.collection(INVITES).doc(code).set({ data: created });
    await tx
      .collection(ROSTER_PEOPLE)
      .doc(person._id)
      .update({ data: { inviteCode: code, updatedAt: now } });
    return { ...created, _id: code };
  });
  if (!invite || invite.qrFileId) return true;
  const qrFileId = await makeInviteQrCode(invite._id);
  if (!qrFileId) return false;
  await db.collection(INVITES).doc(invite._id).update({ data: { qrFileId } });
  return true;
}

async function stored(path: string, content: Buffer, fileName: string): Promise<RosterFile> {
  const { fileID } = await cloud.uploadFile({ cloudPath: path, fileContent: content });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
    fileList: Array<{ tempFileURL?: string }>;
  };
  return { fileID, url: fileList[0]?.tempFileURL ?? '', fileName };
}

/**
 * 打印邀请码: the invitation sheet a branch hands out at its meeting. Each branch member on the village's (or the
 * town's) roster who has not linked their record gets a personal invitation (a one-time code and its mini-program
 * code, the existing invitation: redeeming it links the record and grants what the roster names) and a slip on
 * their branch's pages. Printing again reuses the invitations; people who linked meanwhile drop off the sheet.
 */
export const sheet = defineAction({
  input: rosterSheetInputSchema,
  access: roles(ADMIN_ROLES, rosterUnitScope),
  async handler(input, { openid, caller, resource: scope, now }): Promise<RosterSheet> {
    const [people, branches, units] = await Promise.all([
      everyRow<SheetPerson>(
        ROSTER_PEOPLE,
        { branchUnitPath: scope._id, userId: null },
        { name: true, branchId: true, homeUnitId: true, inviteCode: true },
      ),
      everyRow<BranchDoc>(BRANCHES, { unitPath: scope._id }),
      everyRow<UnitDoc>(UNITS, { path: scope._id }),
    ]);
    const branchById = new Map(branches.map((b) => [b._id, b]));
    const onSheet = people.filter((p) => p.branchId && branchById.has(p.branchId));
    const invites = await invitesByCode(onSheet.flatMap((p) => (p.inviteCode ? [p.inviteCode] : [])));
    const inviteOf = (p: SheetPerson) => (p.inviteCode ? invites.get(p.inviteCode) : undefined);
    const lacking = onSheet.filter((p) => !printable(inviteOf(p), now));
    const progress = { total: onSheet.length, prepared: onSheet.length - lacking.length };
    if (lacking.length > 0) {
      const admin = { openid, name: nameOf(caller) };
      // One by one: each invitation is its own transaction, and the local cloud (like the real one) serves one
      // function instance's calls in turn.
      let made = 0;
      for (const person of lacking.slice(0, INVITES_PER_CALL)) {
        if (await ensureInvite(person, branchById.get(person.branchId ?? '') as BranchDoc, admin, now)) made += 1;
      }
      // Without a single code made the next call would fare no better: say so rather than loop.
      if (made === 0) throw new AppError('INTERNAL', '小程序码暂时生成不了，请稍后再试');
      return { ...progress, prepared: progress.prepared + made, files: [], done: false };
    }

    const unitName = new Map(units.map((u) => [u._id, u.name]));
    const groups = branches
      .filter((b) => onSheet.some((p) => p.branchId === b._id))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a._id.localeCompare(b._id));
    const start = input.after ? groups.findIndex((b) => b._id === input.after) + 1 : 0;
    const files: RosterFile[] = [];
    let laidOut = 0;
    let at = start;
    for (; at < groups.length && (at === start || laidOut < CODES_PER_CALL); at += 1) {
      const branch = groups[at];
      const members = onSheet
        .filter((p) => p.branchId === branch._id)
        .map((p) => ({ person: p, place: unitName.get(p.homeUnitId ?? '') ?? '' }))
        .sort((a, b) => a.place.localeCompare(b.place, 'zh') || a.person.name.localeCompare(b.person.name, 'zh'));
      const slips: SheetSlip[] = [];
      // A few downloads at a time: a branch of sixty in well under the time limit, without a burst of sixty.
      for (let i = 0; i < members.length; i += DOWNLOADS_AT_ONCE) {
        const batch = members.slice(i, i + DOWNLOADS_AT_ONCE);
        const codes = await Promise.all(
          batch.map(({ person }) => cloud.downloadFile({ fileID: (inviteOf(person) as InviteDoc).qrFileId })),
        );
        batch.forEach(({ person, place }, j) =>
          slips.push({ name: person.name, place, code: person.inviteCode ?? '', qr: codes[j].fileContent as Buffer }),
        );
      }
      laidOut += slips.length;
      const validUntil = shanghai(
        new Date(Math.min(...members.map((m) => new Date((inviteOf(m.person) as InviteDoc).expiresAt).getTime()))),
      ).format('YYYY年M月D日');
      const title = branch.name.startsWith(scope.name) ? branch.name : `${scope.name} ${branch.name}`;
      const stamp = shanghai(now).format('YYYYMMDDHHmmss');
      files.push(
        await stored(
          `sheets/roster/${scope._id}/${stamp}-${branch._id}-${Math.random().toString(36).slice(2, 8)}.pdf`,
          invitationSheet({ title, validUntil }, slips),
          `${branch.name}邀请码.pdf`,
        ),
      );
    }
    const done = at >= groups.length;
    return { ...progress, files, ...(done ? {} : { next: groups[at - 1]._id }), done };
  },
});
