import { FULFIL_AFTER_COMPLETION_DAYS, OPEN_PLEDGE_STATES, type PledgeState } from '@honglin/types/pledge';
import { refuse, type Refusal, type Transition } from './transition';

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

/** Why an event is refused in a state it is not allowed in (the words: domain/transition.ts). */
const REFUSED: Record<PledgeEventType, Refusal> = {
  submit: 'pledge.cannotSubmit',
  edit: 'pledge.cannotEdit',
  approve: 'pledge.cannotApprove',
  return: 'pledge.cannotReturn',
  withdraw: 'pledge.cannotWithdraw',
  fulfil: 'pledge.cannotFulfil',
  complete: 'pledge.cannotComplete',
  appraise: 'pledge.cannotAppraise',
  rate: 'pledge.cannotRate',
};

export function transition(state: PledgeState, event: PledgeEvent): Transition<PledgeState> {
  const to = MOVES[event.type][state];
  if (!to) return refuse(REFUSED[event.type]);
  if (
    event.type === 'fulfil' &&
    state === 'completed' &&
    !(event.completedDaysAgo !== undefined && event.completedDaysAgo <= FULFIL_AFTER_COMPLETION_DAYS)
  ) {
    return refuse('pledge.fulfilWindowPassed');
  }
  if (event.type === 'complete' && event.fulfilments < 1) return refuse('pledge.noFulfilment');
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
