import type { LadderStep, RequestCategory, RequestState } from '@honglin/types/request';
import config from '../../config/honglin.json';
import type { DomainSeed, SeedDatabase } from './demo';
import { PERSONA, UNIT } from './ids';
import { demoUnit } from './org';

/**
 * Demo requests and visits of 西草坪村 第一组一邻: one in every state, one passed up to the group, an enterprise
 * problem and a dispute, and two visits by the neighbour head (one raised a request). Written straight into the
 * database in the shape the request and visit functions store (docs/api/request.md), with their timelines.
 */
const HOUR = 3600_000;
const limits = config.requestTimeLimits;

function ladderOf(neighbourhoodId: string): LadderStep[] {
  return demoUnit(neighbourhoodId).path.map((id) => {
    const unit = demoUnit(id);
    return { unitId: unit._id, kind: unit.kind, name: unit.name };
  });
}

interface DemoRequest {
  id: string;
  category: RequestCategory;
  urgent?: boolean;
  text: string;
  state: RequestState;
  /** Hours before now it was raised. */
  hoursAgo: number;
  submitter?: string;
  residentName: string;
  reporter?: { openid: string; name: string; phone?: string };
  /** Levels it was passed up (0: still at the neighbourhood). */
  passedUp?: number;
  handler?: { openid: string; name: string };
  result?: string;
  enterprise?: { name: string };
  parties?: string[];
  visitId?: string;
}

const NEIGHBOUR_HEAD = { openid: PERSONA.neighbourHead, name: '邻长 张桂兰' };
const GROUP_HEAD = { openid: PERSONA.groupHead, name: '组长 刘长生' };

const REQUESTS: DemoRequest[] = [
  {
    id: 'demo-request-lamp',
    category: 'help',
    text: '一组村道口的路灯坏了半个月，晚上老人出门看不清路。',
    state: 'submitted',
    hoursAgo: 3,
    submitter: PERSONA.villager,
    residentName: '李秀英',
  },
  {
    id: 'demo-request-ditch',
    category: 'help',
    text: '屋后排水沟被泥沙堵住，下大雨就漫进院子。',
    state: 'in_progress',
    hoursAgo: 30,
    submitter: PERSONA.villager,
    residentName: '李秀英',
    handler: NEIGHBOUR_HEAD,
  },
  {
    id: 'demo-request-bridge',
    category: 'suggestion',
    text: '建议把通往菜地的木桥换成水泥桥，雨天太滑。',
    state: 'accepted',
    hoursAgo: 50,
    submitter: PERSONA.villager,
    residentName: '李秀英',
    passedUp: 1,
    handler: GROUP_HEAD,
  },
  {
    id: 'demo-request-tea',
    category: 'enterprise',
    text: '合作社新茶上市，想请村里帮忙联系冷链运输。',
    state: 'resolved',
    hoursAgo: 120,
    residentName: '何春花',
    reporter: { ...NEIGHBOUR_HEAD, phone: '13807330301' },
    handler: NEIGHBOUR_HEAD,
    result: '已联系县里物流公司，每周二、五上门收货。',
    enterprise: { name: '西草坪茶叶专业合作社' },
  },
  {
    id: 'demo-request-fence',
    category: 'dispute',
    text: '两户人家因菜地篱笆位置起了争执。',
    state: 'closed',
    hoursAgo: 240,
    residentName: '段大勇',
    reporter: NEIGHBOUR_HEAD,
    handler: NEIGHBOUR_HEAD,
    result: '邻长和组长上门调解，双方同意按原界线重新立篱笆。',
    parties: ['段大勇', '何春花'],
    visitId: 'demo-visit-duan',
  },
];

function requestDoc(r: DemoRequest, now: Date): Record<string, unknown> {
  const ladder = ladderOf(UNIT.xcpNeighbourhood1);
  const level = ladder.length - 1 - (r.passedUp ?? 0);
  const createdAt = new Date(now.getTime() - r.hoursAgo * HOUR);
  const arrived = new Date(createdAt.getTime() + (r.passedUp ? 4 * HOUR : 0));
  const acceptHours = r.urgent ? limits.urgentAcceptHours : limits.acceptHours;
  const resolvedAt = r.result ? new Date(createdAt.getTime() + 48 * HOUR) : null;
  return {
    category: r.category,
    urgent: r.urgent ?? false,
    text: r.text,
    photos: [],
    ...(r.enterprise ? { enterprise: r.enterprise } : {}),
    ...(r.parties ? { parties: r.parties } : {}),
    unitId: UNIT.xcpNeighbourhood1,
    unitName: ladder[ladder.length - 1].name,
    ladder,
    unitPath: ladder.map((s) => s.unitId),
    level,
    responsibleUnitId: ladder[level].unitId,
    responsibleKind: ladder[level].kind,
    responsiblePath: ladder.slice(0, level + 1).map((s) => s.unitId),
    cameFrom: r.passedUp ? [ladder.length - 1] : [],
    state: r.state,
    handlerId: r.handler?.openid ?? null,
    handlerName: r.handler?.name ?? null,
    assigneeId: r.state === 'in_progress' ? PERSONA.member : null,
    assigneeName: r.state === 'in_progress' ? '党员 王建国' : null,
    submitter: r.submitter ?? null,
    residentName: r.residentName,
    showName: false,
    reporterId: r.reporter?.openid ?? null,
    reporterName: r.reporter?.name ?? null,
    residentPhone: r.reporter?.phone ?? null,
    participants: r.submitter ? [r.submitter] : [],
    followers: [],
    acceptBy: new Date(arrived.getTime() + acceptHours * HOUR),
    resolveBy: new Date(arrived.getTime() + limits[r.category].resolveHours * HOUR),
    acceptedAt: r.handler ? new Date(arrived.getTime() + HOUR) : null,
    firstAcceptedAt: r.handler ? new Date(arrived.getTime() + HOUR) : null,
    resolvedAt,
    firstResolvedAt: resolvedAt,
    closedAt: r.state === 'closed' ? new Date(createdAt.getTime() + 60 * HOUR) : null,
    result: r.result ?? null,
    resultPhotos: [],
    rating: r.state === 'closed' ? { value: 'satisfied', at: new Date(createdAt.getTime() + 60 * HOUR) } : null,
    visitId: r.visitId ?? null,
    createdAt,
    updatedAt: createdAt,
  };
}

interface SeedTimelineEntry {
  event: string;
  from: RequestState | null;
  to: RequestState;
  actor: string;
  actorName: string;
  /** Hours after the request was raised. */
  after: number;
  note?: string;
}

/** The history that led to the request's state. */
function timelineOf(r: DemoRequest): SeedTimelineEntry[] {
  const raiser = r.reporter
    ? { actor: r.reporter.openid, actorName: r.reporter.name }
    : { actor: r.submitter ?? '', actorName: r.residentName };
  const handler = { actor: r.handler?.openid ?? '', actorName: r.handler?.name ?? '' };
  const head = { actor: NEIGHBOUR_HEAD.openid, actorName: NEIGHBOUR_HEAD.name };
  const entries: SeedTimelineEntry[] = [{ ...raiser, event: 'submitted', from: null, to: 'submitted', after: 0 }];
  if (r.passedUp) {
    entries.push({ ...head, event: 'accepted', from: 'submitted', to: 'accepted', after: 1 });
    entries.push({
      ...head,
      event: 'escalated',
      from: 'accepted',
      to: 'submitted',
      after: 4,
      note: '需要组里统筹资金',
    });
  }
  if (r.handler)
    entries.push({ ...handler, event: 'accepted', from: 'submitted', to: 'accepted', after: r.passedUp ? 5 : 1 });
  if (r.state === 'in_progress') {
    entries.push({
      ...handler,
      event: 'assigned',
      from: 'accepted',
      to: 'in_progress',
      after: 2,
      note: '分派给党员 王建国',
    });
  }
  if (r.result) entries.push({ ...handler, event: 'resolved', from: 'accepted', to: 'resolved', after: 48 });
  if (r.state === 'closed') entries.push({ ...raiser, event: 'closed', from: 'resolved', to: 'closed', after: 60 });
  return entries;
}

async function put(db: SeedDatabase, collection: string, id: string, data: Record<string, unknown>) {
  await db.collection(collection).doc(id).set({ data });
}

export const seedRequests: DomainSeed = async (db, now) => {
  for (const r of REQUESTS) {
    const doc = requestDoc(r, now);
    await put(db, 'requests', r.id, doc);
    for (const [i, { after, ...entry }] of timelineOf(r).entries()) {
      const at = new Date((doc.createdAt as Date).getTime() + after * HOUR);
      await put(db, 'timeline', `${r.id}-t${i}`, {
        ...entry,
        subject: 'request',
        subjectId: r.id,
        at,
        unitPath: doc.unitPath,
      });
    }
  }
  const ladder = ladderOf(UNIT.xcpNeighbourhood1);
  const month = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 7);
  const day = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);
  const visits = [
    {
      id: 'demo-visit-duan',
      household: ['demo-household-2', '段大勇'],
      discussed: '聊了秋收和孩子上学，顺带说起和邻居的篱笆纠纷。',
      problems: [{ category: 'dispute', text: '两户人家因菜地篱笆位置起了争执。', requestId: 'demo-request-fence' }],
      at: new Date(now.getTime() - 240 * HOUR),
    },
    {
      id: 'demo-visit-villager',
      household: [PERSONA.villager, '李秀英'],
      discussed: '了解家里老人身体情况，提醒冬季用电安全。',
      problems: [],
      at: new Date(now.getTime() - 26 * HOUR),
    },
  ];
  for (const v of visits) {
    await put(db, 'visits', v.id, {
      headId: PERSONA.neighbourHead,
      headName: NEIGHBOUR_HEAD.name,
      unitId: UNIT.xcpNeighbourhood1,
      unitPath: ladder.map((s) => s.unitId),
      neighbourhoodName: ladder[ladder.length - 1].name,
      householdKey: `user:${v.household[0]}`,
      householdName: v.household[1],
      householdUserId: v.household[0],
      date: day(v.at),
      month: month(v.at),
      discussed: v.discussed,
      problems: v.problems,
      createdAt: v.at,
    });
  }
};
