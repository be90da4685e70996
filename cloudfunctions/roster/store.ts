import type { RosterKind, RosterProblem } from '@honglin/types/roster';
import type { HeadRole, RosterRow } from '../common/domain/roster';
import { COLLECTIONS } from '../common/collections';

/** Collections of the roster function (declared in cloudfunctions/database.json). */
export const ROSTER_PEOPLE = COLLECTIONS.rosterPeople;
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
  createdAt: Date;
  updatedAt: Date;
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
