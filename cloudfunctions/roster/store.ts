import type { RosterKind, RosterProblem } from '@honglin/types/roster';
import type { RosterRow } from '../common/domain/roster';
import { COLLECTIONS } from '../common/collections';

/** Collections of the roster function (declared in cloudfunctions/database.json); its people: common/rosterPeople.ts. */
export const ROSTER_IMPORTS = COLLECTIONS.rosterImports;
export const JOIN_CODES = COLLECTIONS.joinCodes;
export const IMPORT_ROWS = COLLECTIONS.rosterImportRows;

/** Rows per chunk: one confirm call writes one chunk, well within a function's time limit. */
export const CHUNK_ROWS = 100;

/** One chunk of an import's checked rows (`_id` = importId + index). */
export interface ImportRowsDoc {
  _id: string;
  importId: string;
  index: number;
  rows: RosterRow[];
}

/** A previewed import: the checked rows waiting for confirm, and how far confirm has written them. */
export interface RosterImportDoc {
  _id: string;
  kind: RosterKind;
  unitId: string;
  unitPath: string[];
  createdBy: string;
  createdAt: Date;
  total: number;
  /** Rows to write (those without a problem), kept in chunks of CHUNK_ROWS (roster_import_rows). */
  valid: number;
  problems: RosterProblem[];
  creates: number;
  updates: number;
  unchanged: number;
  /** Rows written so far, in order: confirm resumes here. */
  written: number;
  doneAt: Date | null;
}

/** A branch's join code (`_id` is the code): members of its roster link themselves with it. */
export interface JoinCodeDoc {
  _id: string;
  branchId: string;
  createdBy: string;
  createdAt: Date;
}
