import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  ATTENDANCE_MODE_LABELS,
  type ActivityKind,
  type ActivityPlace,
  type ActivityStatus,
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
import { PLACE_KIND_LABELS, UNIT_KIND_LABELS, type PlaceKind } from '@honglin/types/org';
import { roles } from '../common/access';
import { cloud, command, db } from '../common/cloud';
import { rows } from '../common/db';
import { HELD_STATUSES } from '../common/domain/metrics/bumps';
import { maskName, maskPhone } from '@honglin/types/mask';
import { EXPORT_SLOT_MS, oneAtATime } from '../common/limits';
import { defineAction } from '../common/runtime';
import { EXPORT_COLUMNS } from './columns';
import { buildDashboard } from './read';
import { checkSecretaryScope, statsScope, STATS_ROLES } from './scope';
import { workbook, type Cell, type Sheet } from '../common/spreadsheet/xlsx';
import { isAdminOver } from '@honglin/types/org';
import { COLLECTIONS } from '../common/collections';

/** Rows per list at most: a town's year of requests fits; a larger export says it was cut. */
export const EXPORT_ROW_LIMIT = 5000;
const PAGE = 1000;

interface RequestRow {
  _id: string;
  unitPath: string[];
  enterprise?: { name: string; placeId?: string } | null;
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
  _id: string;
  unitPath: string[];
  branchId: string;
  ownerName: string;
  fulfilments?: Array<{ day: string; text: string; peopleHelped: number; linkedRequestId?: string; createdAt: Date }>;
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
  unitPath: string[];
  branchId: string;
  title: string;
  kind: ActivityKind;
  startAt: Date;
  placeName: string;
  name: string;
  mode: AttendanceMode;
  reason?: string;
  /** When the record was entered (beside startAt, when the session happened). */
  at: Date;
}

interface SessionRow {
  unitPath: string[];
  branchId: string;
  branchName: string;
  kind: ActivityKind;
  title: string;
  startAt: Date;
  place: ActivityPlace & { kind?: PlaceKind };
  status: ActivityStatus;
  attendance: { present: number; absent: number; delivered: number };
  practice?: { enterprises?: string[] };
  /** When a session of an earlier day was entered as held (补录). */
  backfilledAt?: Date;
}

interface VisitRow {
  unitPath: string[];
  neighbourhoodName: string;
  headName: string;
  householdName: string;
  date: string;
  createdAt: Date;
  problems: unknown[];
  helpedOnSpot?: boolean;
}

interface BranchRow {
  _id: string;
  name: string;
}

const time = (d: Date | string | null | undefined) => (d ? shanghai(d).format('YYYY-MM-DD HH:mm') : null);
const yes = (b: boolean | undefined) => (b ? '是' : '否');

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
  return openid === r.handlerId || openid === r.assigneeId || isAdminOver(grants, r.responsiblePath);
}

const rate = (r: number | null) => (r === null ? null : `${Math.round(r * 1000) / 10}%`);

function figureRows(label: string, f: Figures | null, months: number): Cell[][] {
  if (!f) return [[label, '暂无数据', null]];
  const { partyDay: d, pledges: p, requests: r, visits: v } = f;
  return [
    [label, '微党课（场）', d.lessons],
    [label, '微党课参与（人次）', d.lessonParticipants],
    [label, '其中田间微党课（场）', d.fieldLessons],
    [label, '田间微党课参与（人次）', d.fieldLessonParticipants],
    [label, '微视频观影（场）', d.films],
    [label, '微视频参与（人次）', d.filmParticipants],
    [label, '其中在红色教育基地（场）', d.redSiteFilms],
    [label, '红色教育基地观影参与（人次）', d.redSiteFilmParticipants],
    [label, '微实践（场）', d.practices],
    [label, '微实践参与（人次）', d.practiceParticipants],
    [label, '参与人次', d.participants],
    [label, `每月都开展“一课一片一实践”的支部（个，${months}个月）`, d.branchesAllThree],
    ...d.byPlace.map((place): Cell[] => [
      label,
      `${place.name}${place.kind ? `（${PLACE_KIND_LABELS[place.kind]}）` : ''}：微党课/微视频/微实践（场）`,
      `${place.lessons}/${place.films}/${place.practices}`,
    ]),
    [label, '作出承诺的党员（名）', p.members],
    [label, '承诺（项）', p.pledges],
    [label, '亮诺（项）', p.approved],
    [label, '践诺记录（次）', p.fulfilments],
    [label, '践诺完成（项）', p.completed],
    [label, '其中帮助解决群众诉求的践诺（次）', p.linkedFulfilments],
    [label, '评诺（项）', p.appraised],
    [label, '目前逾期承诺（项）', p.overdueNow],
    [label, '收到诉求（件）', r.received],
    [label, '签收（次）', r.accepted],
    [label, '按时签收（次）', r.acceptedOnTime],
    [label, '按时签收率', rate(r.acceptedOnTimeRate)],
    [label, '首次签收的诉求（件）', r.firstAccepted],
    [label, '其中按时签收（件）', r.firstAcceptedOnTime],
    [label, '诉求按时签收率', rate(r.firstAcceptedOnTimeRate)],
    [label, '民生问题（咨询、求助、建议、投诉）收到（件）', r.livelihoodReceived],
    [label, '民生问题解决（个）', r.livelihoodResolved],
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
    [label, '议一议：走访中收集问题（个）', v.problemsRaised],
    [label, '帮一帮：当场帮办（次）', v.helpedOnSpot],
  ];
}

function overviewSheet(board: Dashboard): Sheet {
  const own = `${board.unit.name}`;
  return {
    name: '概况',
    widths: [16, 40, 14],
    rows: [
      ['单位', `指标（${board.periodLabel}）`, '数值'],
      ...figureRows(own, board.figures, board.months.length),
      ...board.units.flatMap((u) => figureRows(u.name, u.figures, board.months.length)),
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
    const inMonths = command.in([...board.months]);
    const [requests, pledges, attendance, sessions, visits, fulfilled, branches] = await Promise.all([
      readList<RequestRow>(COLLECTIONS.requests, { unitPath: unitId, createdAt: within }, 'createdAt'),
      readList<PledgeRow>(COLLECTIONS.pledges, { unitPath: unitId, submittedAt: within }, 'submittedAt'),
      readList<AttendanceRow>(COLLECTIONS.attendance, { unitPath: unitId, startAt: within }, 'startAt'),
      // Every session of the period, held or not, and with nobody present too.
      readList<SessionRow>(COLLECTIONS.activities, { unitPath: unitId, month: inMonths }, 'startAt'),
      // Visits by the month of their own day, as they are counted.
      readList<VisitRow>(COLLECTIONS.visits, { unitPath: unitId, month: inMonths }, 'date'),
      // Fulfilments are counted by their own day: a pledge changed since the period began may hold some.
      readList<PledgeRow>(COLLECTIONS.pledges, { unitPath: unitId, updatedAt: command.gte(start) }, 'updatedAt'),
      readList<BranchRow>(COLLECTIONS.branches, { unitPath: unitId }, 'name'),
    ]);
    const grants = ctx.caller?.roles ?? [];
    const { unit, children } = ctx.resource;
    const unitNames = new Map([[unit._id, unit.name], ...children.map((c) => [c._id, c.name] as const)]);
    /** The village (community) of a record, or the town organs for the town's own records (path [town]). */
    const village = (path: readonly string[]) =>
      path.length > 1 ? (unitNames.get(path[1]) ?? '') : `${unitNames.get(path[0]) ?? ''}机关`;
    const branchNames = new Map(branches.items.map((b) => [b._id, b.name]));
    for (const a of sessions.items) branchNames.set(a.branchId, a.branchName);
    const branch = (id: string) => branchNames.get(id) ?? null;
    const fulfilments = fulfilled.items.flatMap((p) =>
      (p.fulfilments ?? []).filter((f) => board.months.includes(f.day.slice(0, 7))).map((f) => ({ pledge: p, f })),
    );
    fulfilments.sort((a, b) => a.f.day.localeCompare(b.f.day));

    const sheets: Sheet[] = [
      overviewSheet(board),
      {
        name: '民生诉求',
        widths: [20, 18, 12, 10, 6, 40, 14, 12, 10, 14, 18, 18, 10],
        rows: [
          [...EXPORT_COLUMNS.requests],
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
              village(r.unitPath),
              r.enterprise?.name ?? null,
            ];
          }),
        ],
      },
      {
        name: '承诺践诺',
        widths: [10, 12, 40, 24, 12, 10, 10, 12, 18],
        rows: [
          [...EXPORT_COLUMNS.pledges],
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
            village(p.unitPath),
            branch(p.branchId),
          ]),
        ],
      },
      {
        name: '活动参加',
        widths: [24, 10, 18, 18, 10, 12, 20, 12, 18, 18],
        rows: [
          [...EXPORT_COLUMNS.attendance],
          ...attendance.items.map((a): Cell[] => [
            a.title,
            ACTIVITY_KIND_LABELS[a.kind],
            time(a.startAt),
            a.placeName,
            a.name,
            ATTENDANCE_MODE_LABELS[a.mode],
            a.reason ?? null,
            village(a.unitPath),
            branch(a.branchId),
            time(a.at),
          ]),
        ],
      },
      {
        name: '活动场次',
        widths: [12, 18, 10, 24, 18, 20, 14, 10, 10, 8, 10, 10, 24, 18],
        rows: [
          [...EXPORT_COLUMNS.sessions],
          ...sessions.items.map((a): Cell[] => [
            village(a.unitPath),
            a.branchName,
            ACTIVITY_KIND_LABELS[a.kind],
            a.title,
            time(a.startAt),
            a.place.name,
            a.place.kind ? PLACE_KIND_LABELS[a.place.kind] : null,
            ACTIVITY_STATUS_LABELS[a.status],
            yes(HELD_STATUSES.includes(a.status)),
            a.attendance.present,
            a.attendance.absent,
            a.attendance.delivered,
            a.practice?.enterprises?.join('、') || null,
            time(a.backfilledAt),
          ]),
        ],
      },
      {
        name: '践诺记录',
        widths: [12, 18, 10, 30, 12, 40, 10, 12, 18],
        rows: [
          [...EXPORT_COLUMNS.fulfilments],
          ...fulfilments.map(({ pledge: p, f }): Cell[] => [
            village(p.unitPath),
            branch(p.branchId),
            p.ownerName,
            p.content,
            f.day,
            f.text,
            f.peopleHelped,
            yes(!!f.linkedRequestId),
            time(f.createdAt),
          ]),
        ],
      },
      {
        name: '走访记录',
        widths: [12, 12, 14, 10, 12, 18, 10, 10],
        rows: [
          [...EXPORT_COLUMNS.visits],
          ...visits.items.map((v): Cell[] => [
            village(v.unitPath),
            v.neighbourhoodName,
            v.headName,
            v.householdName,
            v.date,
            time(v.createdAt),
            v.problems.length,
            yes(v.helpedOnSpot),
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
      rows: {
        requests: requests.items.length,
        pledges: pledges.items.length,
        attendance: attendance.items.length,
        sessions: sessions.items.length,
        fulfilments: fulfilments.length,
        visits: visits.items.length,
      },
      truncated: [requests, pledges, attendance, sessions, visits, fulfilled].some((list) => list.cut),
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
