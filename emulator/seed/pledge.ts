import type { AppraisalGrade, PledgeCategory, PledgeState } from '@honglin/types/pledge';
import { monthOf, shanghai } from '@honglin/types/time';
import type { DomainSeed, SeedDatabase } from './demo';
import { BRANCH, PERSONA } from './ids';
import { DEMO_BRANCHES } from './org';

/**
 * Demo pledges of 西草坪村党支部 (one in every state, one overdue, fulfilment records, residents' ratings and an
 * appraisal) and one of 石洲村 for its own wall. Written straight into the database in the shape the pledge
 * function stores (docs/api/pledge.md), each with its timeline. Ratings come from the heads, so the demo villager
 * 李秀英 can still rate the completed one herself.
 */
const DAY = 24 * 3600_000;

interface DemoPledge {
  id: string;
  owner: { openid: string; name: string };
  branchId: string;
  category: PledgeCategory;
  content: string;
  target: string;
  state: PledgeState;
  /** Days before now it was written. */
  daysAgo: number;
  /** Due this many days from now (negative: already past). */
  dueInDays: number;
  returnReason?: string;
  fulfilments?: Array<{ daysAgo: number; text: string; peopleHelped: number; linkedRequestId?: string }>;
  votes?: Array<{ openid: string; verdict: 'satisfied' | 'unsatisfied' }>;
  appraisal?: { grade: AppraisalGrade; comment: string };
}

const MEMBER = { openid: PERSONA.member, name: '王建国' };
const BLOCK_HEAD = { openid: PERSONA.blockHead, name: '陈志刚' };
const OTHER_MEMBER = { openid: PERSONA.otherMember, name: '钟伟' };

const PLEDGES: DemoPledge[] = [
  {
    id: 'demo-pledge-lamp',
    owner: MEMBER,
    branchId: BRANCH.xicaoping,
    category: 'residents',
    content: '督促修好一组村道口的路灯，并每月巡查一次',
    target: '本月内路灯恢复照明，每月巡查1次',
    state: 'draft',
    daysAgo: 1,
    dueInDays: 25,
  },
  {
    id: 'demo-pledge-tea',
    owner: BLOCK_HEAD,
    branchId: BRANCH.xicaoping,
    category: 'business',
    content: '帮第一片3家茶叶加工户对接县里的电商服务站',
    target: '3家加工户都开通网店，每家至少上架2款茶叶',
    state: 'submitted',
    daysAgo: 2,
    dueInDays: 40,
  },
  {
    id: 'demo-pledge-study',
    owner: MEMBER,
    branchId: BRANCH.xicaoping,
    category: 'post',
    content: '多为村里做点事',
    target: '尽力而为',
    state: 'returned',
    daysAgo: 6,
    dueInDays: 30,
    returnReason: '承诺要具体：写清楚做什么、为谁做、做几次',
  },
  {
    id: 'demo-pledge-elders',
    owner: MEMBER,
    branchId: BRANCH.xicaoping,
    category: 'residents',
    content: '每月为第一组3户独居老人打扫一次卫生、检查水电',
    target: '每月1次，3户，连续3个月',
    state: 'approved',
    daysAgo: 20,
    dueInDays: 70,
    fulfilments: [{ daysAgo: 5, text: '为刘奶奶、李爷爷、陈奶奶三户打扫了院子，换了两个灯泡', peopleHelped: 3 }],
  },
  {
    id: 'demo-pledge-ditch',
    owner: BLOCK_HEAD,
    branchId: BRANCH.xicaoping,
    category: 'volunteer',
    content: '组织第一片党员清理村口水渠淤泥',
    target: '清理水渠200米，汛期前完成',
    state: 'approved',
    daysAgo: 40,
    dueInDays: -3,
  },
  {
    id: 'demo-pledge-road',
    owner: MEMBER,
    branchId: BRANCH.xicaoping,
    category: 'residents',
    content: '协调修补二组通往菜地的一段烂泥路',
    target: '铺好碎石路面50米，雨天能走',
    state: 'completed',
    daysAgo: 45,
    dueInDays: 10,
    fulfilments: [
      { daysAgo: 20, text: '和组长一起找村里申请了碎石，约好周末施工', peopleHelped: 0 },
      {
        daysAgo: 12,
        text: '8名党员和村民一起铺好了50米碎石路',
        peopleHelped: 26,
        linkedRequestId: 'demo-request-lamp',
      },
    ],
    votes: [
      { openid: PERSONA.neighbourHead, verdict: 'satisfied' },
      { openid: PERSONA.groupHead, verdict: 'satisfied' },
    ],
  },
  {
    id: 'demo-pledge-film',
    owner: BLOCK_HEAD,
    branchId: BRANCH.xicaoping,
    category: 'post',
    content: '在西草坪村家风文化馆为村民讲解家风故事',
    target: '讲解4场，每场不少于20人',
    state: 'appraised',
    daysAgo: 80,
    dueInDays: -20,
    fulfilments: [
      { daysAgo: 60, text: '讲解第1、2场，共48人', peopleHelped: 48 },
      { daysAgo: 35, text: '讲解第3、4场，共51人', peopleHelped: 51 },
    ],
    votes: [{ openid: PERSONA.neighbourHead, verdict: 'satisfied' }],
    appraisal: { grade: 'excellent', comment: '按时完成，群众反映好' },
  },
  {
    id: 'demo-pledge-withdrawn',
    owner: MEMBER,
    branchId: BRANCH.xicaoping,
    category: 'other',
    content: '牵头办一期手机使用培训班',
    target: '培训20位老人',
    state: 'withdrawn',
    daysAgo: 30,
    dueInDays: 5,
  },
  {
    id: 'demo-pledge-shizhou',
    owner: OTHER_MEMBER,
    branchId: BRANCH.shizhou,
    category: 'business',
    content: '帮石洲村竹木加工厂办好用工登记',
    target: '登记在岗工人30人',
    state: 'approved',
    daysAgo: 10,
    dueInDays: 20,
  },
];

/** The states each demo pledge went through to get where it is, with who moved it. */
function pathTo(
  p: DemoPledge,
): Array<{ event: string; from: PledgeState | null; to: PledgeState; byOwner: boolean; note?: string }> {
  const steps: Array<{ event: string; from: PledgeState | null; to: PledgeState; byOwner: boolean; note?: string }> =
    [];
  if (p.state === 'draft' || p.state === 'withdrawn') {
    steps.push({ event: 'create', from: null, to: 'draft', byOwner: true });
    if (p.state === 'withdrawn') steps.push({ event: 'withdraw', from: 'draft', to: 'withdrawn', byOwner: true });
    return steps;
  }
  steps.push({ event: 'submit', from: null, to: 'submitted', byOwner: true });
  if (p.state === 'returned') {
    steps.push({ event: 'return', from: 'submitted', to: 'returned', byOwner: false, note: p.returnReason });
    return steps;
  }
  if (p.state === 'submitted') return steps;
  steps.push({ event: 'approve', from: 'submitted', to: 'approved', byOwner: false });
  for (const f of p.fulfilments ?? [])
    steps.push({ event: 'fulfil', from: 'approved', to: 'approved', byOwner: true, note: f.text.slice(0, 50) });
  if (p.state === 'approved') return steps;
  steps.push({ event: 'complete', from: 'approved', to: 'completed', byOwner: true });
  if (p.appraisal)
    steps.push({ event: 'appraise', from: 'completed', to: 'appraised', byOwner: false, note: p.appraisal.comment });
  return steps;
}

async function put(db: SeedDatabase, collection: string, id: string, data: Record<string, unknown>) {
  await db.collection(collection).doc(id).set({ data });
}

export const seedPledges: DomainSeed = async (db, now) => {
  const day = (offsetDays: number) => shanghai(now).add(offsetDays, 'day').format('YYYY-MM-DD');
  for (const p of PLEDGES) {
    const branch = DEMO_BRANCHES.find((b) => b._id === p.branchId);
    if (!branch) throw new Error(`demo pledge ${p.id}: unknown branch ${p.branchId}`);
    const createdAt = new Date(now.getTime() - p.daysAgo * DAY);
    const steps = pathTo(p);
    // Each step a day after the one before (fulfilments on their own days).
    const stepAt = (i: number) => new Date(createdAt.getTime() + i * DAY);
    const atOf = (event: string) => {
      const i = steps.findIndex((s) => s.event === event);
      return i < 0 ? null : stepAt(i);
    };
    const fulfilments = (p.fulfilments ?? []).map((f, i) => ({
      id: `${p.id}-f${i}`,
      day: day(-f.daysAgo),
      text: f.text,
      photos: [],
      peopleHelped: f.peopleHelped,
      ...(f.linkedRequestId ? { linkedRequestId: f.linkedRequestId } : {}),
      createdAt: new Date(now.getTime() - f.daysAgo * DAY),
    }));
    const votes = p.votes ?? [];
    const secretary = PERSONA.secretary;
    await put(db, 'pledges', p.id, {
      ownerId: p.owner.openid,
      ownerName: p.owner.name,
      branchId: branch._id,
      unitPath: branch.unitPath,
      villageId: branch.unitPath[1] ?? branch.unitPath[0],
      category: p.category,
      content: p.content,
      target: p.target,
      dueDay: day(p.dueInDays),
      state: p.state,
      month: monthOf(createdAt),
      fulfilments,
      fulfilmentCount: fulfilments.length,
      peopleHelped: fulfilments.reduce((n, f) => n + f.peopleHelped, 0),
      ratings: {
        satisfied: votes.filter((v) => v.verdict === 'satisfied').length,
        unsatisfied: votes.filter((v) => v.verdict === 'unsatisfied').length,
      },
      appraisal: p.appraisal ? { ...p.appraisal, by: secretary, at: atOf('appraise') } : null,
      returnReason: p.returnReason ?? null,
      createdAt,
      // Changed last by its last step or its last fulfilment, as the functions would have stamped it.
      updatedAt: new Date(
        Math.max(stepAt(steps.length - 1).getTime(), ...fulfilments.map((f) => f.createdAt.getTime())),
      ),
      submittedAt: atOf('submit'),
      approvedAt: atOf('approve'),
      completedAt: atOf('complete'),
      appraisedAt: atOf('appraise'),
      withdrawnAt: atOf('withdraw'),
    });
    for (const [i, s] of steps.entries()) {
      await put(db, 'timeline', `${p.id}-t${i}`, {
        subject: 'pledge',
        subjectId: p.id,
        event: s.event,
        from: s.from,
        to: s.to,
        actor: s.byOwner ? p.owner.openid : secretary,
        at: stepAt(i),
        ...(s.note ? { note: s.note } : {}),
        unitPath: branch.unitPath,
      });
    }
    for (const v of votes) {
      await put(db, 'pledgeRatings', `${p.id}_${v.openid}`, { pledgeId: p.id, verdict: v.verdict, at: now });
    }
  }
};
