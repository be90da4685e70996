import { HOUSEHOLD_TAGS, type HouseholdTag } from '@honglin/types/household';
import type { RoleName, UnitKind } from '@honglin/types/org';
import { HEAD_TITLES, ROSTER_COLUMNS, type RosterKind, type RosterProblem } from '@honglin/types/roster';

/**
 * Checking the rows of a roster file before anything is written (pure: the caller reads what exists and hands it
 * in). Every problem names its row as the spreadsheet numbers it and says in plain Chinese what to fix. Rows
 * without a problem become what confirm writes: a new record (with the id it will have) or a change to one.
 */

export interface RosterUnit {
  id: string;
  kind: UnitKind;
  path: string[];
}

export interface RosterBranch {
  id: string;
  unitId: string;
  unitPath: string[];
}

/** A person already on the roster, by phone; `inScope` false when they belong to a village outside the import. */
export interface KnownPerson {
  id: string;
  name: string;
  branchId: string | null;
  homeUnitId: string | null;
  joinedOn: string | null;
  headRoles: HeadRole[];
  inScope: boolean;
}

export interface KnownHousehold {
  id: string;
  phone: string;
  size: number | null;
  tags: HouseholdTag[];
}

export interface HeadRole {
  role: RoleName;
  unitId: string;
  unitPath: string[];
}

export interface RosterContext {
  /** Units of the import's scope by their names joined with "/", from below the scope unit (and with it). */
  units: Map<string, RosterUnit>;
  /** Branches of the scope by name. */
  branches: Map<string, RosterBranch>;
  people: Map<string, KnownPerson>;
  /** Households of the scope by their natural key (householdKey). */
  households: Map<string, KnownHousehold>;
  householdKey(unitId: string, headName: string, address: string): string;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  newId(prefix: string): string;
}

export type RowAction = 'create' | 'update' | 'unchanged';

export type MemberRow = {
  kind: 'members';
  row: number;
  action: RowAction;
  id: string;
  name: string;
  phone: string;
  branchId: string;
  branchUnitPath: string[];
  homeUnitId: string | null;
  homeUnitPath: string[];
  joinedOn: string | null;
};

export type HouseholdRow = {
  kind: 'households';
  row: number;
  action: RowAction;
  id: string;
  unitId: string;
  unitPath: string[];
  headName: string;
  phone: string;
  address: string;
  size: number | null;
  tags: HouseholdTag[];
  naturalKey: string;
};

export type HeadRow = {
  kind: 'heads';
  row: number;
  action: RowAction;
  id: string;
  name: string;
  phone: string;
  headRole: HeadRole;
};

export type RosterRow = MemberRow | HouseholdRow | HeadRow;

export interface RosterCheck {
  rows: RosterRow[];
  problems: RosterProblem[];
  total: number;
}

class RowProblem extends Error {}

const fail = (message: string): never => {
  throw new RowProblem(message);
};

/** Header cells as written: "手机号（可不填）" and "手机号" name the same column. */
const headerName = (cell: string) => cell.replace(/[（(].*$/, '').replace(/\s+/g, '');

function columnsOf(kind: RosterKind, header: string[]): Map<string, number> | string {
  const found = header.map(headerName);
  const columns = new Map<string, number>();
  for (const column of ROSTER_COLUMNS[kind]) {
    const at = found.indexOf(column.header);
    if (at >= 0) columns.set(column.key, at);
    else if (column.required) return `缺少“${column.header}”这一列，请下载模板，按模板的表头填写`;
  }
  return columns;
}

function visibleText(value: string, label: string, max: number): string {
  const text = value.replace(/[\u200b-\u200f\u2060\ufeff]/g, '').trim();
  if (!text) fail(`请填写${label}`);
  if (text.length > max) fail(`${label}最多${max}个字`);
  return text;
}

function phoneOf(value: string, required: boolean): string {
  const digits = value.replace(/[\s-]/g, '');
  if (!digits) return required ? fail('请填写手机号') : '';
  if (!/^1\d{10}$/.test(digits)) fail(`手机号“${value}”不对，应为11位手机号`);
  return digits;
}

function unitOf(context: RosterContext, value: string, wanted: UnitKind | null, label: string): RosterUnit {
  const path = value
    .split(/[/／、\\]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join('/');
  if (!path) fail(`请填写${label}`);
  const unit = context.units.get(path);
  if (!unit) return fail(`找不到“${value}”，请按“片/组/邻”的名称填写，并核对是否已在“单位管理”里建好`);
  if (wanted && unit.kind !== wanted)
    fail(`“${value}”不是一个${wanted === 'neighbourhood' ? '邻' : '单位'}，请写到具体的邻`);
  return unit;
}

/** A day as Excel or a person writes it: 1998-07-01, 1998/7/1, 1998.7.1, 1998年7月1日, or Excel's day number. */
function dayOf(value: string, today: string): string | null {
  if (!value) return null;
  let year: number, month: number, day: number;
  if (/^\d{5}(\.\d+)?$/.test(value)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(value)) * 86_400_000);
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
    if (!parts) return fail(`日期“${value}”看不懂，请写成 1998-07-01`);
    [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) fail(`日期“${value}”不存在，请核对`);
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (text < '1921-07-01' || text > today) fail(`日期“${value}”不在合理范围内，请核对`);
  return text;
}

function tagsOf(value: string): HouseholdTag[] {
  const tags = value
    .split(/[、，,;；/\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  for (const tag of tags) {
    if (!(HOUSEHOLD_TAGS as readonly string[]).includes(tag)) {
      fail(`备注“${tag}”不在可选范围内，只能填：${HOUSEHOLD_TAGS.join('、')}`);
    }
  }
  return [...new Set(tags)] as HouseholdTag[];
}

function sizeOf(value: string): number | null {
  if (!value) return null;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 30) fail(`人口数“${value}”不对，应为1到30之间的整数`);
  return size;
}

const sameRoles = (a: readonly HeadRole[], b: HeadRole) => a.some((r) => r.role === b.role && r.unitId === b.unitId);

function memberRow(context: RosterContext, row: number, cell: (key: string) => string): MemberRow {
  const name = visibleText(cell('name'), '姓名', 20);
  const phone = phoneOf(cell('phone'), true);
  const branchName = visibleText(cell('branch'), '所在党支部', 40);
  const branch = context.branches.get(branchName);
  if (!branch) fail(`找不到党支部“${branchName}”，请核对名称，或先在“支部管理”里建好`);
  const home = cell('home') ? unitOf(context, cell('home'), 'neighbourhood', '居住的邻') : null;
  const joinedOn = dayOf(cell('joinedOn'), context.today);
  const known = context.people.get(phone);
  if (known && !known.inScope) fail('这个手机号已登记在其他村（社区）的名册里，请核对');
  const unchanged =
    known &&
    known.name === name &&
    known.branchId === branch!.id &&
    known.homeUnitId === (home?.id ?? null) &&
    known.joinedOn === joinedOn;
  return {
    kind: 'members',
    row,
    action: !known ? 'create' : unchanged ? 'unchanged' : 'update',
    id: known?.id ?? context.newId('rp'),
    name,
    phone,
    branchId: branch!.id,
    branchUnitPath: branch!.unitPath,
    homeUnitId: home?.id ?? null,
    homeUnitPath: home?.path ?? [],
    joinedOn,
  };
}

function householdRow(context: RosterContext, row: number, cell: (key: string) => string): HouseholdRow {
  const headName = visibleText(cell('headName'), '户主姓名', 20);
  const phone = phoneOf(cell('phone'), false);
  const unit = unitOf(context, cell('home'), 'neighbourhood', '所在的邻');
  const address = cell('address').trim();
  if (address.length > 60) fail('门牌号或地址最多60个字');
  const size = sizeOf(cell('size'));
  const tags = tagsOf(cell('tags'));
  const naturalKey = context.householdKey(unit.id, headName, address);
  const known = context.households.get(naturalKey);
  const unchanged =
    known && known.phone === phone && known.size === size && [...known.tags].sort().join() === [...tags].sort().join();
  return {
    kind: 'households',
    row,
    action: !known ? 'create' : unchanged ? 'unchanged' : 'update',
    id: known?.id ?? context.newId('hh'),
    unitId: unit.id,
    unitPath: unit.path,
    headName,
    phone,
    address,
    size,
    tags,
    naturalKey,
  };
}

const HEAD_UNIT_KIND: Record<string, UnitKind> = {
  block_head: 'block',
  group_head: 'group',
  neighbour_head: 'neighbourhood',
};

function headRow(context: RosterContext, row: number, cell: (key: string) => string): HeadRow {
  const name = visibleText(cell('name'), '姓名', 20);
  const phone = phoneOf(cell('phone'), true);
  const title = cell('role').trim() as keyof typeof HEAD_TITLES;
  const role = HEAD_TITLES[title];
  if (!role) fail(`职务“${title}”不对，只能填：${Object.keys(HEAD_TITLES).join('、')}`);
  const unit = unitOf(context, cell('unit'), null, '负责的片组邻');
  if (unit.kind !== HEAD_UNIT_KIND[role]) fail(`${title}应负责一个${title.slice(0, 1)}，“${cell('unit')}”不是`);
  const headRole: HeadRole = { role, unitId: unit.id, unitPath: unit.path };
  const known = context.people.get(phone);
  if (known && !known.inScope) fail('这个手机号已登记在其他村（社区）的名册里，请核对');
  return {
    kind: 'heads',
    row,
    action: !known ? 'create' : sameRoles(known.headRoles, headRole) ? 'unchanged' : 'update',
    id: known?.id ?? context.newId('rp'),
    name: known?.name ?? name,
    phone,
    headRole,
  };
}

const CHECKS = { members: memberRow, households: householdRow, heads: headRow } as const;

/** The key a row may appear under only once in a file. */
function duplicateKey(row: RosterRow): string {
  if (row.kind === 'households') return row.naturalKey;
  if (row.kind === 'heads') return `${row.phone}|${row.headRole.role}|${row.headRole.unitId}`;
  return row.phone;
}

export function checkRoster(
  kind: RosterKind,
  table: ReadonlyArray<{ number: number; cells: string[] }>,
  context: RosterContext,
): RosterCheck {
  const [header, ...body] = table;
  if (!header) return { rows: [], problems: [{ row: 1, message: '文件是空的，请用模板填写后再上传' }], total: 0 };
  const columns = columnsOf(kind, header.cells);
  if (typeof columns === 'string') return { rows: [], problems: [{ row: header.number, message: columns }], total: 0 };
  const rows: RosterRow[] = [];
  const problems: RosterProblem[] = [];
  const firstRowOf = new Map<string, number>();
  /** A person new to the roster keeps one id across their rows (a head of two units). */
  const newPeople = new Map<string, string>();
  for (const line of body) {
    const cell = (key: string) => {
      const at = columns.get(key);
      return at === undefined ? '' : (line.cells[at] ?? '').trim();
    };
    try {
      const checked = CHECKS[kind](context, line.number, cell);
      const key = duplicateKey(checked);
      const first = firstRowOf.get(key);
      if (first !== undefined) fail(`与第${first}行重复`);
      firstRowOf.set(key, line.number);
      if (checked.kind === 'heads' && checked.action === 'create') {
        const earlier = newPeople.get(checked.phone);
        if (earlier) Object.assign(checked, { id: earlier, action: 'update' });
        else newPeople.set(checked.phone, checked.id);
      }
      rows.push(checked);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      problems.push({ row: line.number, message: error.message });
    }
  }
  return { rows, problems, total: body.length };
}
