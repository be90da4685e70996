import {
  ACTIVITY_KIND_LABELS,
  ATTENDANCE_MODE_LABELS,
  type ActivityKind,
  type AttendanceMode,
} from '@honglin/types/activity';
import type { RoleGrant, UnitKind } from '@honglin/types/org';
import {
  PLEDGE_CATEGORY_LABELS,
  PLEDGE_STATE_LABELS,
  type PledgeCategory,
  type PledgeState,
} from '@honglin/types/pledge';
import {
  RATING_LABELS,
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATE_LABELS,
  type Rating,
  type RequestCategory,
  type RequestState,
} from '@honglin/types/request';
import { statsInputSchema, type Dashboard, type ExportResult, type Figures } from '@honglin/types/stats';
import { monthRange, shanghai } from '@honglin/types/time';
import { UNIT_KIND_LABELS } from '@honglin/types/org';
import { roles } from '../common/access';
import { cloud, command, db } from '../common/cloud';
import { rows } from '../common/db';
import { maskName, maskPhone } from '@honglin/types/mask';
import { EXPORT_SLOT_MS, oneAtATime } from '../common/limits';
import { defineAction } from '../common/runtime';
import { buildDashboard } from './read';
import { checkSecretaryScope, statsScope, STATS_ROLES } from './scope';
import { workbook, type Cell, type Sheet } from '../common/spreadsheet/xlsx';

/** Rows per list at most: a town's year of requests fits; a larger export says it was cut. */
export const EXPORT_ROW_LIMIT = 5000;
const PAGE = 1000;

interface RequestRow {
  _id: string;
  createdAt: Date;
  unitName: string;
  category: RequestCategory;
  urgent: boolean;
  text: string;
  state: RequestState;
  ladder: Array<{ name: string }>;
  level: number;
  responsiblePath: string[];
  handlerId: string | null;
  assigneeId: string | null;
  residentName: string;
  residentPhone: string | null;
  acceptedAt: Date | null;
  firstResolvedAt: Date | null;
  rating: { value: Rating } | null;
}

interface PledgeRow {
  ownerName: string;
  category: PledgeCategory;
  content: string;
  target: string;
  dueDay: string;
  state: PledgeState;
  fulfilmentCount: number;
  peopleHelped: number;
  submittedAt: Date;
}

interface AttendanceRow {
  title: string;
  kind: ActivityKind;
  startAt: Date;
  placeName: string;
  name: string;
  mode: AttendanceMode;
  reason?: string;
}

const time = (d: Date | string | null | undefined) => (d ? shanghai(d).format('YYYY-MM-DD HH:mm') : null);

/** Reads a list page by page in date order, up to the row limit (one more row tells it was cut). */
async function readList<T>(
  collection: string,
  where: Record<string, unknown>,
  dateField: string,
): Promise<{ items: T[]; cut: boolean }> {
  const items: T[] = [];
  for (let skip = 0; skip <= EXPORT_ROW_LIMIT; skip += PAGE) {
    const page = await rows<T>(db.collection(collection).where(where).orderBy(dateField, 'asc').skip(skip).limit(PAGE));
    items.push(...page);
    if (page.length < PAGE) break;
  }
  return { items: items.slice(0, EXPORT_ROW_LIMIT), cut: items.length > EXPORT_ROW_LIMIT };
}

/** The exporter handles the request (its handler, its assignee, a head or admin of its responsible units): phone unmasked. */
function handles(r: RequestRow, openid: string, grants: readonly RoleGrant[]): boolean {
  return (
    openid === r.handlerId ||
    openid === r.assigneeId ||
    grants.some((g) => (g.role === 'village_admin' || g.role === 'town_admin') && r.responsiblePath.includes(g.unitId))
  );
}

const rate = (r: number | null) => (r === null ? null : `${Math.round(r * 1000) / 10}%`);

function figureRows(label: string, f: Figures | null): Cell[][] {
  if (!f) return [[label, '暂无数据', null]];
  const { partyDay: d, pledges: p, requests: r, visits: v } = f;
  return [
    [label, '微党课（场）', d.lessons],
    [label, '微视频观影（场）', d.films],
    [label, '微实践（场）', d.practices],
    [label, '参与人次', d.participants],
    [label, '本月“一课一片一实践”全部开展的支部（个）', d.branchesAllThree],
    [label, '作出承诺的党员（名）', p.members],
    [label, '承诺（项）', p.pledges],
    [label, '亮诺（项）', p.approved],
    [label, '践诺记录（次）', p.fulfilments],
    [label, '践诺完成（项）', p.completed],
    [label, '评诺（项）', p.appraised],
    [label, '目前逾期承诺（项）', p.overdueNow],
    [label, '收到诉求（件）', r.received],
    [label, '签收（次）', r.accepted],
    [label, '按时签收（次）', r.acceptedOnTime],
    [label, '按时签收率', rate(r.acceptedOnTimeRate)],
    [label, '办结（件）', r.resolved],
    [label, '平均办结用时（小时）', r.averageResolveHours],
    [label, '评价（次）', r.rated],
    [label, '满意及基本满意（次）', r.satisfied],
    [label, '满意率', rate(r.satisfactionRate)],
    [label, '上报（次）', r.escalated],
    [label, '服务企业（家）', r.enterprisesServed],
    [label, '解决企业困难（个）', r.enterpriseProblemsSolved],
    [label, '化解矛盾纠纷（个）', r.disputesMediated],
    ...r.byCategory.map((c): Cell[] => [
      label,
      `${REQUEST_CATEGORY_LABELS[c.category]}：收到/办结`,
      `${c.received}/${c.resolved}`,
    ]),
    ...r.byLevel
      .filter((l) => l.resolved > 0)
      .map((l): Cell[] => [label, `${UNIT_KIND_LABELS[l.kind as UnitKind]}级办结（件）`, l.resolved]),
    [label, '走访（次）', v.visits],
    [label, '走访覆盖户数（户）', v.households],
  ];
}

function overviewSheet(board: Dashboard): Sheet {
  const own = `${board.unit.name}`;
  return {
    name: '概况',
    widths: [16, 40, 14],
    rows: [
      ['单位', `指标（${board.periodLabel}）`, '数值'],
      ...figureRows(own, board.figures),
      ...board.units.flatMap((u) => figureRows(u.name, u.figures)),
    ],
  };
}

/** 导出: the dashboard and the lists behind it (requests, pledges, attendance) as an .xlsx in cloud storage. */
const exportWorkbook = defineAction({
  input: statsInputSchema,
  access: roles(STATS_ROLES, statsScope),
  async handler(input, ctx): Promise<ExportResult> {
    checkSecretaryScope(ctx);
    const board = await buildDashboard(ctx.resource, input.period, ctx.now);
    const unitId = ctx.resource.unit._id;
    const start = monthRange(board.months[0]).start;
    const end = monthRange(board.months[board.months.length - 1]).end;
    const within = command.gte(start).and(command.lt(end));
    const [requests, pledges, attendance] = await Promise.all([
      readList<RequestRow>('requests', { unitPath: unitId, createdAt: within }, 'createdAt'),
      readList<PledgeRow>('pledges', { unitPath: unitId, submittedAt: within }, 'submittedAt'),
      readList<AttendanceRow>('attendance', { unitPath: unitId, startAt: within }, 'startAt'),
    ]);
    const grants = ctx.caller?.roles ?? [];

    const sheets: Sheet[] = [
      overviewSheet(board),
      {
        name: '民生诉求',
        widths: [20, 18, 12, 10, 6, 40, 14, 12, 10, 14, 18, 18, 10],
        rows: [
          [
            '编号',
            '提交时间',
            '所在单位',
            '类别',
            '紧急',
            '内容',
            '状态',
            '责任单位',
            '居民',
            '联系电话',
            '签收时间',
            '办结时间',
            '评价',
          ],
          ...requests.items.map((r): Cell[] => {
            const mine = handles(r, ctx.openid, grants);
            return [
              r._id,
              time(r.createdAt),
              r.unitName,
              REQUEST_CATEGORY_LABELS[r.category],
              r.urgent ? '是' : '否',
              r.text,
              REQUEST_STATE_LABELS[r.state],
              r.ladder[r.level]?.name ?? '',
              mine ? r.residentName : maskName(r.residentName),
              r.residentPhone ? (mine ? r.residentPhone : maskPhone(r.residentPhone)) : null,
              time(r.acceptedAt),
              time(r.firstResolvedAt),
              r.rating ? RATING_LABELS[r.rating.value] : null,
            ];
          }),
        ],
      },
      {
        name: '承诺践诺',
        widths: [10, 12, 40, 24, 12, 10, 10, 12, 18],
        rows: [
          ['党员', '类别', '承诺内容', '完成目标', '期限', '状态', '践诺次数', '服务群众（人）', '提交时间'],
          ...pledges.items.map((p): Cell[] => [
            p.ownerName,
            PLEDGE_CATEGORY_LABELS[p.category],
            p.content,
            p.target,
            p.dueDay,
            PLEDGE_STATE_LABELS[p.state],
            p.fulfilmentCount,
            p.peopleHelped,
            time(p.submittedAt),
          ]),
        ],
      },
      {
        name: '活动参加',
        widths: [24, 10, 18, 18, 10, 12, 20],
        rows: [
          ['活动', '类别', '时间', '地点', '姓名', '方式', '请假原因'],
          ...attendance.items.map((a): Cell[] => [
            a.title,
            ACTIVITY_KIND_LABELS[a.kind],
            time(a.startAt),
            a.placeName,
            a.name,
            ATTENDANCE_MODE_LABELS[a.mode],
            a.reason ?? null,
          ]),
        ],
      },
    ];

    const fileName = `${board.unit.name}${board.periodLabel}统计.xlsx`;
    const stamp = shanghai(ctx.now).format('YYYYMMDDHHmmss');
    const cloudPath = `exports/stats/${unitId}/${stamp}-${Math.random().toString(36).slice(2, 8)}.xlsx`;
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: workbook(sheets) });
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as {
      fileList: Array<{ tempFileURL?: string }>;
    };
    return {
      fileID,
      url: fileList[0]?.tempFileURL ?? '',
      fileName,
      rows: { requests: requests.items.length, pledges: pledges.items.length, attendance: attendance.items.length },
      truncated: requests.cut || pledges.cut || attendance.cut,
    };
  },
});

/**
 * 导出: one running export per unit at a time (RATE_LIMITED while one runs), so repeated exports cannot tie up the
 * function. Town admins export in a lane of their own: nobody else's exports lock them out.
 */
export const exportStats = defineAction({
  ...exportWorkbook,
  handler(input, ctx) {
    const unitId = ctx.resource.unit._id;
    const lane = ctx.grants.some((g) => g.role === 'town_admin') ? 'town' : 'unit';
    return oneAtATime(
      `export:${unitId}:${lane}`,
      (until) => `这个单位已有一份报表正在导出，请在${until}以后再试`,
      ctx.now,
      EXPORT_SLOT_MS,
      () => exportWorkbook.handler(input, ctx),
    );
  },
});
