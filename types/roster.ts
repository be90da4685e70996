import * as z from 'zod';
import { fileIdSchema, idSchema, requestIdSchema } from './common';

/**
 * Rosters a town already keeps, imported from Excel or CSV: the 党员花名册 per branch, each village's household list
 * per 组, and the heads named in a village document. Imported people are records without an account until they
 * link themselves (a branch join code, their name and the last four digits of their phone on record).
 */
export const ROSTER_KINDS = ['members', 'households', 'heads'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export const rosterKindSchema = z.enum(ROSTER_KINDS, { message: '请选择名册类型' });

export const ROSTER_KIND_LABELS: Record<RosterKind, string> = {
  members: '党员花名册',
  households: '农户名册',
  heads: '片组邻长名单',
};

export interface RosterColumn {
  key: string;
  header: string;
  example: string;
  required: boolean;
}

const column = (key: string, header: string, example: string, required = true): RosterColumn => ({
  key,
  header,
  example,
  required,
});

/**
 * Each kind's columns, in the template's order. Units are written as their names from the village down, joined
 * by "/" (第一片/第一组/一邻); a town-wide file starts with the village (西草坪村/第一片/第一组/一邻).
 */
export const ROSTER_COLUMNS: Record<RosterKind, readonly RosterColumn[]> = {
  members: [
    column('name', '姓名', '张建国'),
    column('phone', '手机号', '13800001234'),
    column('branch', '所在党支部', '西草坪村党支部'),
    column('home', '居住的邻', '第一片/第一组/一邻', false),
    column('joinedOn', '入党日期', '1998-07-01', false),
  ],
  households: [
    column('headName', '户主姓名', '李秋菊'),
    column('phone', '手机号', '13900005678', false),
    column('home', '所在的邻', '第一片/第一组/一邻'),
    column('address', '门牌号或地址', '西草坪村12号', false),
    column('size', '人口数', '3', false),
    column('tags', '备注', '独居老人、低保户', false),
  ],
  heads: [
    column('name', '姓名', '王德明'),
    column('phone', '手机号', '13700009876'),
    column('role', '职务', '邻长'),
    column('unit', '负责的片组邻', '第一片/第一组/一邻'),
  ],
};

/** The heads' titles as written in a village document, and the role each names. */
export const HEAD_TITLES = { 片长: 'block_head', 组长: 'group_head', 邻长: 'neighbour_head' } as const;

/** roster.template — the template of a kind as an .xlsx: headers, one example row. */
export const rosterTemplateInputSchema = z.object({ kind: rosterKindSchema });
export type RosterTemplateInput = z.input<typeof rosterTemplateInputSchema>;

export interface RosterFile {
  fileID: string;
  /** A temporary download address (H5); the weapp opens the file by its fileID. */
  url: string;
  fileName: string;
}

/**
 * roster.preview — reads an uploaded file (cloud storage) into the import of a village or the town and checks
 * every row; nothing of the roster is written until confirm. Retrying with the same requestId gives the same preview.
 */
export const rosterPreviewInputSchema = z.object({
  requestId: requestIdSchema,
  kind: rosterKindSchema,
  /** The village (or the town) the file is for. */
  unitId: idSchema,
  fileID: fileIdSchema,
});
export type RosterPreviewInput = z.input<typeof rosterPreviewInputSchema>;

export interface RosterProblem {
  /** The row number as the spreadsheet shows it. */
  row: number;
  message: string;
}

export interface RosterPreview {
  importId: string;
  kind: RosterKind;
  /** Rows read (the header row not counted). */
  total: number;
  /** Rows without a problem: these are what confirm writes. */
  valid: number;
  /** Of the valid rows: new records, records that change, records already as the file says. */
  creates: number;
  updates: number;
  unchanged: number;
  /** The first 200 problems, by row; total − valid rows had one. */
  problems: RosterProblem[];
}

/** roster.confirm — writes the next batch of a previewed import; call again until `done` (resumable). */
export const rosterConfirmInputSchema = z.object({ importId: idSchema });
export type RosterConfirmInput = z.input<typeof rosterConfirmInputSchema>;

export interface RosterProgress {
  importId: string;
  written: number;
  total: number;
  done: boolean;
}

/** roster.export — the roster of a kind for a village or the town, as an .xlsx for the admin's own records. */
export const rosterExportInputSchema = z.object({ kind: rosterKindSchema, unitId: idSchema });
export type RosterExportInput = z.input<typeof rosterExportInputSchema>;

/** roster.joinCode — the branch's join code, made on first ask (the same code after that). */
export const rosterJoinCodeInputSchema = z.object({ branchId: idSchema });
export type RosterJoinCodeInput = z.input<typeof rosterJoinCodeInputSchema>;

export const JOIN_CODE_LENGTH = 6;
export const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[2-9A-HJ-NP-Z]{${JOIN_CODE_LENGTH}}$`), `请输入${JOIN_CODE_LENGTH}位入支部码`);

export interface RosterJoinCode {
  code: string;
  branchId: string;
  branchName: string;
}

/** roster.joinNames — with a branch's join code: the names on its roster not linked yet, to pick one's own. */
export const rosterJoinNamesInputSchema = z.object({ code: joinCodeSchema });
export type RosterJoinNamesInput = z.input<typeof rosterJoinNamesInputSchema>;

export interface RosterJoinNames {
  branchName: string;
  people: Array<{ personId: string; name: string }>;
}

/** roster.link — the caller is this person of the roster: confirmed by the last four digits of the phone on record. */
export const rosterLinkInputSchema = z.object({
  code: joinCodeSchema,
  personId: idSchema,
  phoneLast4: z.string().regex(/^\d{4}$/, '请输入手机号的后四位'),
});
export type RosterLinkInput = z.input<typeof rosterLinkInputSchema>;

export interface RosterLinkResult {
  name: string;
  branchName: string;
  /** The roles granted on linking (member, and any head role the roster names). */
  roles: string[];
}

/**
 * roster.sheet — the printable invitation sheet of a village (or the town): for every branch member on the roster
 * not linked yet, a personal invitation (made once; printing again reuses it) and its mini-program code, one PDF per
 * branch with the name beside each code. Call again with `after` = `next` until `done`: each call makes a batch
 * of invitations or composes a few branches' files, within the function's time limit.
 */
export const rosterSheetInputSchema = z.object({
  unitId: idSchema,
  /** The last branch whose file an earlier call made (its `next`). */
  after: idSchema.optional(),
});
export type RosterSheetInput = z.input<typeof rosterSheetInputSchema>;

/** Days a printed personal invitation stays valid (the longest an invitation may be). */
export const SHEET_INVITE_DAYS = 30;

export interface RosterSheet {
  /** People on the sheet (branch members not linked yet), and how many of them have their invitation and code. */
  total: number;
  prepared: number;
  /** The files this call made, one per branch (a PDF, A4). */
  files: RosterFile[];
  /** Pass as `after` in the next call. */
  next?: string;
  done: boolean;
}
