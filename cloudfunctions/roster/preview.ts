import { createHash } from 'node:crypto';
import { rosterPreviewInputSchema, type RosterKind, type RosterPreview } from '@honglin/types/roster';
import { dayOf } from '@honglin/types/time';
import { roles } from '../common/access';
import { cloud, command, db } from '../common/cloud';
import { byId, inTransaction, rows, txGet } from '../common/db';
import { ADMIN_ROLES } from '../common/domain/roles';
import {
  checkRoster,
  type KnownHousehold,
  type KnownPerson,
  type RosterBranch,
  type RosterContext,
  type RosterUnit,
} from '../common/domain/roster';
import { conflict, invalidArgument } from '../common/errors';
import { HOUSEHOLDS, householdKey, type HouseholdDoc } from '../common/households';
import { BRANCHES, UNITS, type BranchDoc, type UnitDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { ROSTER_PEOPLE, type RosterPersonDoc } from '../common/rosterPeople';
import { readTable, TableFormatError } from '../common/spreadsheet/readTable';
import { everyRow, rosterUnitScope } from './scope';
import { CHUNK_ROWS, IMPORT_ROWS, ROSTER_IMPORTS, type ImportRowsDoc, type RosterImportDoc } from './store';

/** A roster file larger than this is not a roster (3,000 households fit in well under 1 MB). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5000;
/** Problems kept and shown: the first ones are enough to fix a file; total − valid says how many rows had one. */
const MAX_PROBLEMS = 200;

export function previewOf(doc: RosterImportDoc): RosterPreview {
  return {
    importId: doc._id,
    kind: doc.kind,
    total: doc.total,
    valid: doc.valid,
    creates: doc.creates,
    updates: doc.updates,
    unchanged: doc.unchanged,
    problems: doc.problems,
  };
}

/** Units below the scope by their names joined with "/" (and with the village's own name in front). */
async function unitsByPath(scope: UnitDoc): Promise<Map<string, RosterUnit>> {
  const units = await everyRow<UnitDoc>(UNITS, { path: scope._id });
  const byId = new Map(units.map((u) => [u._id, u]));
  const found = new Map<string, RosterUnit>();
  for (const unit of units) {
    const below = unit.path.slice(unit.path.indexOf(scope._id) + 1).map((id) => byId.get(id)?.name ?? '');
    if (below.length === 0) continue;
    const entry = { id: unit._id, kind: unit.kind, path: unit.path };
    found.set(below.join('/'), entry);
    if (scope.kind === 'village') found.set([scope.name, ...below].join('/'), entry);
  }
  return found;
}

async function branchesByName(scope: UnitDoc): Promise<Map<string, RosterBranch>> {
  const branches = await everyRow<BranchDoc>(BRANCHES, { unitPath: scope._id });
  return new Map(branches.map((b) => [b.name, { id: b._id, unitId: b.unitId, unitPath: b.unitPath }]));
}

async function peopleByPhone(scope: UnitDoc, phones: string[]): Promise<Map<string, KnownPerson>> {
  const found = new Map<string, KnownPerson>();
  for (let at = 0; at < phones.length; at += 500) {
    const page = await rows<RosterPersonDoc>(
      db
        .collection(ROSTER_PEOPLE)
        .where({ phone: command.in(phones.slice(at, at + 500)) })
        .limit(1000),
    );
    for (const p of page) {
      const paths = [p.branchUnitPath, p.homeUnitPath, ...p.headRoles.map((r) => r.unitPath)].filter((x) => x.length);
      found.set(p.phone, {
        id: p._id,
        name: p.name,
        branchId: p.branchId,
        homeUnitId: p.homeUnitId,
        joinedOn: p.joinedOn,
        headRoles: p.headRoles,
        inScope: paths.length === 0 || paths.some((path) => path.includes(scope._id)),
      });
    }
  }
  return found;
}

async function householdsByKey(scope: UnitDoc): Promise<Map<string, KnownHousehold>> {
  const households = await everyRow<HouseholdDoc>(
    HOUSEHOLDS,
    { unitPath: scope._id, closedAt: null },
    { naturalKey: true, phone: true, size: true, tags: true },
  );
  return new Map(households.map((h) => [h.naturalKey, { id: h._id, phone: h.phone, size: h.size, tags: h.tags }]));
}

/** The phones a file names, to find who is on the roster already in one query per 500. */
function phonesIn(table: ReturnType<typeof readTable>): string[] {
  const phones = new Set<string>();
  for (const row of table)
    for (const cell of row.cells)
      if (/^1\d{10}$/.test(cell.replace(/[\s-]/g, ''))) phones.add(cell.replace(/[\s-]/g, ''));
  return [...phones];
}

async function readRoster(fileID: string): Promise<ReturnType<typeof readTable>> {
  let content: Buffer;
  try {
    ({ fileContent: content } = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer });
  } catch {
    throw invalidArgument('没有找到上传的文件，请重新选择文件上传');
  }
  if (content.length > MAX_FILE_BYTES) throw invalidArgument('文件太大了，一次最多导入5000行，请分成几个文件');
  try {
    const table = readTable(content);
    if (table.length > MAX_ROWS + 1) throw invalidArgument('一次最多导入5000行，请分成几个文件');
    return table;
  } catch (error) {
    if (error instanceof TableFormatError)
      throw invalidArgument('文件打不开，请上传按模板填写的 Excel（.xlsx）或 CSV 文件');
    throw error;
  }
}

async function contextFor(
  importId: string,
  kind: RosterKind,
  scope: UnitDoc,
  table: ReturnType<typeof readTable>,
  today: string,
) {
  const [units, branches, people, households] = await Promise.all([
    unitsByPath(scope),
    kind === 'members' ? branchesByName(scope) : Promise.resolve(new Map<string, RosterBranch>()),
    kind === 'households' ? Promise.resolve(new Map<string, KnownPerson>()) : peopleByPhone(scope, phonesIn(table)),
    kind === 'households' ? householdsByKey(scope) : Promise.resolve(new Map<string, KnownHousehold>()),
  ]);
  const context: RosterContext = {
    units,
    branches,
    people,
    households,
    householdKey,
    today,
    newId: (prefix, row) => `${prefix}_${createHash('sha256').update(`${importId}:${row}`).digest('hex').slice(0, 20)}`,
  };
  return context;
}

/**
 * Reads an uploaded roster and checks every row against the village's units, branches and what is on its rosters
 * already; stores the checked rows for confirm. Writes nothing of the roster itself. The same requestId gives the
 * same preview (the file is read once).
 */
export const preview = defineAction({
  input: rosterPreviewInputSchema,
  access: roles(ADMIN_ROLES, rosterUnitScope),
  async handler(input, { openid, resource: scope, now }): Promise<RosterPreview> {
    const importId = `ri_${input.requestId}`;
    const earlier = await byId<RosterImportDoc>(ROSTER_IMPORTS, importId);
    if (earlier) {
      if (earlier.createdBy !== openid) throw conflict('请再试一次');
      return previewOf(earlier);
    }
    const table = await readRoster(input.fileID);
    const checked = checkRoster(input.kind, table, await contextFor(importId, input.kind, scope, table, dayOf(now)));
    const count = (action: string) => checked.rows.filter((r) => r.action === action).length;
    const doc: RosterImportDoc = {
      _id: importId,
      kind: input.kind,
      unitId: scope._id,
      unitPath: scope.path,
      createdBy: openid,
      createdAt: now,
      total: checked.total,
      valid: checked.rows.length,
      problems: checked.problems.slice(0, MAX_PROBLEMS),
      creates: count('create'),
      updates: count('update'),
      unchanged: count('unchanged'),
      written: 0,
      doneAt: null,
    };
    // The chunks first, then the import that names them: a preview cut short leaves no import to confirm.
    for (let index = 0; index * CHUNK_ROWS < checked.rows.length; index += 1) {
      const chunk: Omit<ImportRowsDoc, '_id'> = {
        importId,
        index,
        rows: checked.rows.slice(index * CHUNK_ROWS, (index + 1) * CHUNK_ROWS),
      };
      await db
        .collection(IMPORT_ROWS)
        .doc(`${importId}_${index}`)
        .set({ data: chunk as unknown as Record<string, unknown> });
    }
    const saved = await inTransaction(async (tx) => {
      const raced = await txGet<RosterImportDoc>(tx, ROSTER_IMPORTS, importId);
      if (raced) return raced;
      const { _id, ...data } = doc;
      await tx
        .collection(ROSTER_IMPORTS)
        .doc(_id)
        .set({ data: data as unknown as Record<string, unknown> });
      return doc;
    });
    return previewOf(saved);
  },
});
