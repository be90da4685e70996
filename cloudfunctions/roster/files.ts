import {
  HEAD_TITLES,
  ROSTER_COLUMNS,
  ROSTER_KIND_LABELS,
  rosterExportInputSchema,
  rosterTemplateInputSchema,
  type RosterFile,
  type RosterKind,
} from '@honglin/types/roster';
import { HOUSEHOLD_TAGS } from '@honglin/types/household';
import { ROLE_LABELS } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';
import { maskPhone } from '@honglin/types/mask';
import { roles } from '../common/access';
import { cloud } from '../common/cloud';
import { ADMIN_ROLES } from '../common/domain/roles';
import { HOUSEHOLDS, type HouseholdDoc } from '../common/households';
import { BRANCHES, UNITS, type BranchDoc, type UnitDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { ROSTER_PEOPLE, type RosterPersonDoc } from '../common/rosterPeople';
import { workbook, type Cell, type Sheet } from '../common/spreadsheet/xlsx';
import { everyRow, keepsRosterPhones, rosterUnitScope } from './scope';

const HOW_TO: Record<RosterKind, string[]> = {
  members: [
    '每行一名党员；姓名、手机号、所在党支部必填。',
    '所在党支部写支部全称，与“支部管理”里的名称一致。',
    '居住的邻按“片/组/邻”的名称填写，例如：第一片/第一组/一邻；全镇导入时在前面加上村名。',
    '入党日期可不填，写成 1998-07-01。',
  ],
  households: [
    '每行一户；户主姓名、所在的邻必填。',
    '所在的邻按“片/组/邻”的名称填写，例如：第一片/第一组/一邻；全镇导入时在前面加上村名。',
    '人口数填整数；手机号、门牌号可不填。',
    `备注只能填：${HOUSEHOLD_TAGS.join('、')}，多个用顿号隔开。`,
  ],
  heads: [
    '每行一人一个职务；一人负责两处就写两行。',
    `职务只能填：${Object.keys(HEAD_TITLES).join('、')}。`,
    '负责的片组邻按名称填写：片长写到片，组长写到组（第一片/第一组），邻长写到邻。',
  ],
};

async function stored(path: string, sheets: Sheet[], fileName: string): Promise<RosterFile> {
  const { fileID } = await cloud.uploadFile({ cloudPath: path, fileContent: workbook(sheets) });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
    fileList: Array<{ tempFileURL?: string }>;
  };
  return { fileID, url: fileList[0]?.tempFileURL ?? '', fileName };
}

/** The template of a roster: its headers, one example row, and a sheet that says how to fill it. */
export const template = defineAction({
  input: rosterTemplateInputSchema,
  access: roles(ADMIN_ROLES),
  async handler(input): Promise<RosterFile> {
    const columns = ROSTER_COLUMNS[input.kind];
    const label = ROSTER_KIND_LABELS[input.kind];
    const sheets: Sheet[] = [
      {
        name: label,
        widths: columns.map((c) => Math.max(12, c.header.length * 2 + 6)),
        rows: [columns.map((c) => (c.required ? c.header : `${c.header}（可不填）`)), columns.map((c) => c.example)],
      },
      { name: '填写说明', widths: [80], rows: [['填写说明'], ...HOW_TO[input.kind].map((line) => [line])] },
    ];
    return stored(`templates/roster-${input.kind}.xlsx`, sheets, `${label}模板.xlsx`);
  },
});

/** Names of units from below the scope down to a unit, joined with "/" as the templates write them. */
function unitNamer(scope: UnitDoc, units: UnitDoc[]): (id: string | null) => string {
  const byId = new Map(units.map((u) => [u._id, u]));
  return (id) => {
    const unit = id ? byId.get(id) : undefined;
    if (!unit) return '';
    return unit.path
      .slice(unit.path.indexOf(scope._id) + 1)
      .map((u) => byId.get(u)?.name ?? '')
      .join('/');
  };
}

/** The roster of a village or the town back as an .xlsx, in the template's columns (phones per keepsRosterPhones). */
export const exportRoster = defineAction({
  input: rosterExportInputSchema,
  access: roles(ADMIN_ROLES, rosterUnitScope),
  async handler(input, { grants, resource: scope, now }): Promise<RosterFile> {
    const inFull = keepsRosterPhones(grants, scope.path, input.kind);
    const phone = (p: string) => (inFull ? p : maskPhone(p));
    const unitName = unitNamer(scope, await everyRow<UnitDoc>(UNITS, { path: scope._id }));
    const columns = ROSTER_COLUMNS[input.kind];
    let body: Cell[][];
    if (input.kind === 'households') {
      const households = await everyRow<HouseholdDoc>(HOUSEHOLDS, { unitPath: scope._id, closedAt: null });
      body = households.map((h) => [
        h.headName,
        phone(h.phone),
        unitName(h.unitId),
        h.address,
        h.size,
        h.tags.join('、'),
      ]);
    } else if (input.kind === 'members') {
      const [people, branches] = await Promise.all([
        everyRow<RosterPersonDoc>(ROSTER_PEOPLE, { branchUnitPath: scope._id }),
        everyRow<BranchDoc>(BRANCHES, { unitPath: scope._id }),
      ]);
      const branchName = new Map(branches.map((b) => [b._id, b.name]));
      body = people.map((p) => [
        p.name,
        phone(p.phone),
        branchName.get(p.branchId ?? '') ?? '',
        unitName(p.homeUnitId),
        p.joinedOn,
      ]);
    } else {
      const people = await everyRow<RosterPersonDoc>(ROSTER_PEOPLE, { 'headRoles.unitPath': scope._id });
      body = people.flatMap((p) =>
        p.headRoles
          .filter((r) => r.unitPath.includes(scope._id))
          .map((r): Cell[] => [p.name, phone(p.phone), ROLE_LABELS[r.role], unitName(r.unitId)]),
      );
    }
    const label = ROSTER_KIND_LABELS[input.kind];
    const stamp = shanghai(now).format('YYYYMMDDHHmmss');
    return stored(
      `exports/roster/${scope._id}/${stamp}-${input.kind}-${Math.random().toString(36).slice(2, 8)}.xlsx`,
      [{ name: label, widths: columns.map(() => 16), rows: [columns.map((c) => c.header), ...body] }],
      `${scope.name}${label}.xlsx`,
    );
  },
});
