import { rosterConfirmInputSchema, type RosterProgress } from '@honglin/types/roster';
import { roles, type ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { byId } from '../common/db';
import { ADMIN_ROLES } from '../common/domain/roles';
import type { HeadRow, HouseholdRow, MemberRow, RosterRow } from '../common/domain/roster';
import { notFound } from '../common/errors';
import { HOUSEHOLDS, type HouseholdDoc } from '../common/households';
import { defineAction } from '../common/runtime';
import { ROSTER_PEOPLE, type RosterPersonDoc } from '../common/rosterPeople';
import { CHUNK_ROWS, IMPORT_ROWS, ROSTER_IMPORTS, type ImportRowsDoc, type RosterImportDoc } from './store';

type Data = Record<string, unknown>;

async function importScope(input: { importId: string }): Promise<ScopeTarget<RosterImportDoc>> {
  const doc = await byId<RosterImportDoc>(ROSTER_IMPORTS, input.importId);
  if (!doc) throw notFound('找不到这次导入，请重新上传文件');
  return { unitPath: doc.unitPath, resource: doc };
}

const progressOf = (doc: RosterImportDoc, written: number): RosterProgress => ({
  importId: doc._id,
  written,
  total: doc.valid,
  done: written >= doc.valid,
});

function person(row: MemberRow | HeadRow, now: Date): Omit<RosterPersonDoc, '_id'> {
  return {
    name: row.name,
    phone: row.phone,
    branchId: row.kind === 'members' ? row.branchId : null,
    branchUnitPath: row.kind === 'members' ? row.branchUnitPath : [],
    homeUnitId: row.kind === 'members' ? row.homeUnitId : null,
    homeUnitPath: row.kind === 'members' ? row.homeUnitPath : [],
    joinedOn: row.kind === 'members' ? row.joinedOn : null,
    headRoles: row.kind === 'heads' ? [row.headRole] : [],
    userId: null,
    linkedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function household(row: HouseholdRow, createdBy: string, now: Date): Omit<HouseholdDoc, '_id'> {
  return {
    unitId: row.unitId,
    unitPath: row.unitPath,
    headName: row.headName,
    phone: row.phone,
    address: row.address,
    size: row.size,
    tags: row.tags,
    closedAt: null,
    naturalKey: row.naturalKey,
    history: [{ change: 'imported', at: now }],
    createdAt: now,
    createdBy,
    updatedAt: now,
  };
}

/**
 * One row's write, safe to repeat: a create is a set by the id the preview gave it, an update sets the fields the
 * file holds (a head role is added once).
 */
async function writeRow(row: RosterRow, createdBy: string, now: Date): Promise<void> {
  if (row.action === 'unchanged') return;
  if (row.kind === 'households') {
    const doc = db.collection(HOUSEHOLDS).doc(row.id);
    if (row.action === 'create') await doc.set({ data: household(row, createdBy, now) as unknown as Data });
    else {
      await doc.update({
        data: {
          phone: row.phone,
          size: row.size,
          tags: row.tags,
          updatedAt: now,
          history: command.push([{ change: 'updated', at: now }]),
        },
      });
    }
    return;
  }
  const doc = db.collection(ROSTER_PEOPLE).doc(row.id);
  if (row.action === 'create') {
    await doc.set({ data: person(row, now) as unknown as Data });
  } else if (row.kind === 'members') {
    const { name, phone, branchId, branchUnitPath, homeUnitId, homeUnitPath, joinedOn } = row;
    await doc.update({
      data: { name, phone, branchId, branchUnitPath, homeUnitId, homeUnitPath, joinedOn, updatedAt: now },
    });
  } else {
    await doc.update({ data: { headRoles: command.addToSet(row.headRole), updatedAt: now } });
  }
}

/**
 * Writes the next chunk of a previewed import and answers how far it is: the app calls again until done. A chunk
 * written twice (a retry, two admins at once) writes the same records; progress only moves forward.
 */
export const confirm = defineAction({
  input: rosterConfirmInputSchema,
  access: roles(ADMIN_ROLES, importScope),
  async handler(_input, { openid, resource: doc, now }): Promise<RosterProgress> {
    if (doc.written >= doc.valid) return progressOf(doc, doc.written);
    const index = Math.floor(doc.written / CHUNK_ROWS);
    const chunk = await byId<ImportRowsDoc>(IMPORT_ROWS, `${doc._id}_${index}`);
    if (!chunk) throw notFound('这次导入的数据不完整，请重新上传文件');
    for (const row of chunk.rows) await writeRow(row, openid, now);
    const written = Math.min(doc.valid, (index + 1) * CHUNK_ROWS);
    await db
      .collection(ROSTER_IMPORTS)
      .where({ _id: doc._id, written: command.lt(written) })
      .update({ data: { written, ...(written >= doc.valid ? { doneAt: now } : {}) } });
    // The checked rows hold names and phones: once written they are not kept twice.
    if (written >= doc.valid) await db.collection(IMPORT_ROWS).where({ importId: doc._id }).remove();
    return progressOf(doc, written);
  },
});
