import { FULFIL_AFTER_COMPLETION_DAYS, OPEN_PLEDGE_STATES, type PledgeState } from '@honglin/types/pledge';

/**
 * The pledge state machine (承诺 → 审诺 → 亮诺 → 践诺 → 评诺), pure: no database, no SDK.
 * Edits, fulfilment records and ratings are events too: they keep the state but are only allowed in some.
 */
export type PledgeEvent =
  | { type: 'submit' }
  | { type: 'edit' }
  | { type: 'approve' }
  | { type: 'return' }
  | { type: 'withdraw' }
  /** completedDaysAgo: for a completed pledge, how long ago (a fulfilment is still taken within a window). */
  | { type: 'fulfil'; completedDaysAgo?: number }
  /** 标记完成: only once something was done, i.e. with at least one fulfilment record. */
  | { type: 'complete'; fulfilments: number }
  | { type: 'appraise' }
  | { type: 'rate' };
export type PledgeEventType = PledgeEvent['type'];

export const PLEDGE_EVENT_TYPES: readonly PledgeEventType[] = [
  'submit',
  'edit',
  'approve',
  'return',
  'withdraw',
  'fulfil',
  'complete',
  'appraise',
  'rate',
];

export type Transition = { ok: true; to: PledgeState } | { ok: false; reason: string };

/** Which state each event leads to from each state it is allowed in. */
const MOVES: Record<PledgeEventType, Partial<Record<PledgeState, PledgeState>>> = {
  submit: { draft: 'submitted', returned: 'submitted' },
  edit: { draft: 'draft', returned: 'returned' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
  withdraw: { draft: 'withdrawn', submitted: 'withdrawn', approved: 'withdrawn' },
  fulfil: { approved: 'approved', completed: 'completed' },
  complete: { approved: 'completed' },
  appraise: { completed: 'appraised' },
  rate: { completed: 'completed', appraised: 'appraised' },
};

/** Why an event is refused, in words the member or secretary can act on. */
const REFUSALS: Record<PledgeEventType, string> = {
  submit: '只有草稿或被退回的承诺可以提交',
  edit: '承诺审核通过后不能再修改',
  approve: '只有待审核的承诺可以审核',
  return: '只有待审核的承诺可以退回',
  withdraw: '这条承诺已经不能撤回',
  fulfil: '只有已亮诺、未完成的承诺可以记录践诺',
  complete: '只有已亮诺的承诺可以标记完成',
  appraise: '只有已完成的承诺可以评议',
  rate: '承诺完成后才能评价',
};

export function transition(state: PledgeState, event: PledgeEvent): Transition {
  const to = MOVES[event.type][state];
  if (!to) return { ok: false, reason: REFUSALS[event.type] };
  if (
    event.type === 'fulfil' &&
    state === 'completed' &&
    !(event.completedDaysAgo !== undefined && event.completedDaysAgo <= FULFIL_AFTER_COMPLETION_DAYS)
  ) {
    return {
      ok: false,
      reason: `这项承诺完成已超过${FULFIL_AFTER_COMPLETION_DAYS}天，请新作一项承诺后再记录践诺`,
    };
  }
  if (event.type === 'complete' && event.fulfilments < 1) {
    return { ok: false, reason: '请先记录至少一次践诺情况，再标记完成' };
  }
  return { ok: true, to };
}

/** Overdue: the due day (Asia/Shanghai) has passed and the pledge is still owed. A flag, never a state. */
export function isOverdue(state: PledgeState, dueDay: string, today: string): boolean {
  return OPEN_PLEDGE_STATES.includes(state) && dueDay < today;
}

/** The unit whose public wall shows a pledge: the branch's village, or the town for the town organs' branch. */
export function wallUnitOf(unitPath: readonly string[]): string {
  return unitPath[1] ?? unitPath[0] ?? '';
}
