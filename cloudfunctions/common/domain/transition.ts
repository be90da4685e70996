import { FULFIL_AFTER_COMPLETION_DAYS, MAX_FULFILMENTS } from '@honglin/types/pledge';
import type { ErrorCode } from '@honglin/types/envelope';

/**
 * What every state machine (pledge, request, activity, invitation, a person's roles) answers for a move: the state it leads to, or why it is
 * refused. A refusal is a code of the one table below, so the machines stay free of wording and the engine
 * (common/moves.ts) turns every refusal into the same envelope error.
 * `Named` is what a machine adds to a move it allows (a request's machine names the event for the timeline).
 */
export type Transition<To, Named = unknown> = ({ ok: true; to: To } & Named) | { ok: false; refusal: Refusal };

export const refuse = (refusal: Refusal): { ok: false; refusal: Refusal } => ({ ok: false, refusal });

interface RefusalEntry {
  error: Extract<ErrorCode, 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND'>;
  message: string;
}

/**
 * Every refusal of a move: the envelope code the caller gets and the words they can act on. A move the state
 * does not allow is CONFLICT (DESIGN §6: not allowed now, or lost to a concurrent move).
 */
export const REFUSALS = {
  // 承诺
  'pledge.missing': { error: 'NOT_FOUND', message: '没有找到这条承诺' },
  'pledge.notOwner': { error: 'FORBIDDEN', message: '只有承诺人本人可以这样做' },
  'pledge.cannotSubmit': { error: 'CONFLICT', message: '只有草稿或被退回的承诺可以提交' },
  'pledge.cannotEdit': { error: 'CONFLICT', message: '承诺审核通过后不能再修改' },
  'pledge.cannotApprove': { error: 'CONFLICT', message: '只有待审核的承诺可以审核' },
  'pledge.cannotReturn': { error: 'CONFLICT', message: '只有待审核的承诺可以退回' },
  'pledge.cannotWithdraw': { error: 'CONFLICT', message: '这条承诺已经不能撤回' },
  'pledge.cannotFulfil': { error: 'CONFLICT', message: '只有已亮诺、未完成的承诺可以记录践诺' },
  'pledge.cannotComplete': { error: 'CONFLICT', message: '只有已亮诺的承诺可以标记完成' },
  'pledge.cannotAppraise': { error: 'CONFLICT', message: '只有已完成的承诺可以评议' },
  'pledge.cannotRate': { error: 'CONFLICT', message: '承诺完成后才能评价' },
  'pledge.fulfilWindowPassed': {
    error: 'CONFLICT',
    message: `这项承诺完成已超过${FULFIL_AFTER_COMPLETION_DAYS}天，请新作一项承诺后再记录践诺`,
  },
  'pledge.noFulfilment': { error: 'CONFLICT', message: '请先记录至少一次践诺情况，再标记完成' },
  'pledge.tooManyFulfilments': { error: 'CONFLICT', message: `一条承诺最多记录${MAX_FULFILMENTS}次践诺` },

  // 民生诉求
  'request.missing': { error: 'NOT_FOUND', message: '找不到这条诉求，请刷新后重试' },
  /** The caller could act on it when they looked, not any more: someone else took it, or it moved on. */
  'request.movedOn': { error: 'CONFLICT', message: '这条诉求的状态已经变了，请刷新后再看' },
  'request.rateOwnWork': {
    error: 'FORBIDDEN',
    message: '您经手了这条诉求，不能替居民评价：请居民本人评价，或由村里回访后代为记录',
  },
  'request.notRater': { error: 'FORBIDDEN', message: '只有提出诉求的居民可以评价' },
  'request.alreadyAccepted': { error: 'CONFLICT', message: '这条诉求已经有人签收了' },
  'request.acceptBeforeAssign': { error: 'CONFLICT', message: '请先签收，再分派给党员办理' },
  'request.closedNoDispatch': { error: 'CONFLICT', message: '这条诉求已经办结，不能再派给下级' },
  'request.dispatchOffLadder': { error: 'CONFLICT', message: '只能派给这条诉求所在的下级单位' },
  'request.acceptBeforeEscalate': { error: 'CONFLICT', message: '请先签收，再上报' },
  'request.atTop': { error: 'CONFLICT', message: '已经是最高一级，不能再上报' },
  'request.closed': { error: 'CONFLICT', message: '这条诉求已经办结' },
  'request.closedNoHandBack': { error: 'CONFLICT', message: '这条诉求已经办结，不能退回' },
  'request.nowhereToHandBack': { error: 'CONFLICT', message: '这条诉求不是别的层级转来的，无处退回' },
  'request.acceptBeforeResolve': { error: 'CONFLICT', message: '请先签收，再办结' },
  'request.alreadyResolved': { error: 'CONFLICT', message: '这条诉求已经办结了' },
  'request.rateBeforeResolved': { error: 'CONFLICT', message: '办结后才能评价' },
  'request.notAwaitingRating': { error: 'CONFLICT', message: '只有办结待评价的诉求才会自动完成' },

  // 主题党日活动
  'activity.missing': { error: 'NOT_FOUND', message: '找不到这个活动，请刷新后重试' },
  'activity.cannotUpdate': { error: 'CONFLICT', message: '活动已经举行或取消，不能再修改' },
  'activity.cannotOpen': { error: 'CONFLICT', message: '只有计划中的活动可以开始签到' },
  'activity.cannotClose': { error: 'CONFLICT', message: '活动没有在签到，无法结束签到' },
  'activity.cannotMarkHeld': { error: 'CONFLICT', message: '只有计划中、还没有签到的活动可以补录' },
  'activity.cannotRecord': { error: 'CONFLICT', message: '请先结束签到，再填写活动记录' },
  'activity.cannotCancel': { error: 'CONFLICT', message: '活动已经举行或取消，不能再取消' },
  'activity.checkinClosed': { error: 'CONFLICT', message: '现在不在签到时间，请等组织者开始签到' },
  'activity.cannotAddAttendee': { error: 'CONFLICT', message: '活动开始签到后才能登记参加人员' },
  'activity.cannotMarkAbsent': { error: 'CONFLICT', message: '活动已取消，不能登记请假' },
  'activity.cannotDeliver': { error: 'CONFLICT', message: '活动开始后才能登记送学上门' },
  'activity.notYetPassed': { error: 'CONFLICT', message: '只能补录已经过去的活动；当天的活动请开始签到' },

  // 邀请码
  'invite.expired': { error: 'CONFLICT', message: '这个邀请码已过期，请联系管理员重新邀请' },
  'invite.usedByOther': { error: 'CONFLICT', message: '这个邀请码已被其他人使用，每个邀请码只能用一次' },

  // 角色
  /** A concurrent revoke got there first. */
  'role.notHeld': { error: 'CONFLICT', message: '此人已经没有这个角色了，请刷新后查看' },
} as const satisfies Record<string, RefusalEntry>;

export type Refusal = keyof typeof REFUSALS;
