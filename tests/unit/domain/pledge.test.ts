import { PLEDGE_STATES, type PledgeState } from '@honglin/types/pledge';
import {
  PLEDGE_EVENT_TYPES,
  isOverdue,
  transition,
  wallUnitOf,
  type PledgeEvent,
  type PledgeEventType,
} from '../../../cloudfunctions/common/domain/pledge';
import { said } from './said';

/** The whole table: every (state, event) pair → the next state, or null when refused. */
const TABLE: Record<PledgeState, Record<PledgeEventType, PledgeState | null>> = {
  draft: {
    submit: 'submitted',
    edit: 'draft',
    approve: null,
    return: null,
    withdraw: 'withdrawn',
    fulfil: null,
    complete: null,
    appraise: null,
    rate: null,
  },
  submitted: {
    submit: null,
    edit: null,
    approve: 'approved',
    return: 'returned',
    withdraw: 'withdrawn',
    fulfil: null,
    complete: null,
    appraise: null,
    rate: null,
  },
  returned: {
    submit: 'submitted',
    edit: 'returned',
    approve: null,
    return: null,
    withdraw: null,
    fulfil: null,
    complete: null,
    appraise: null,
    rate: null,
  },
  approved: {
    submit: null,
    edit: null,
    approve: null,
    return: null,
    withdraw: 'withdrawn',
    fulfil: 'approved',
    complete: 'completed',
    appraise: null,
    rate: null,
  },
  completed: {
    submit: null,
    edit: null,
    approve: null,
    return: null,
    withdraw: null,
    fulfil: null,
    complete: null,
    appraise: 'appraised',
    rate: 'completed',
  },
  appraised: {
    submit: null,
    edit: null,
    approve: null,
    return: null,
    withdraw: null,
    fulfil: null,
    complete: null,
    appraise: null,
    rate: 'appraised',
  },
  withdrawn: {
    submit: null,
    edit: null,
    approve: null,
    return: null,
    withdraw: null,
    fulfil: null,
    complete: null,
    appraise: null,
    rate: null,
  },
};

function eventOf(type: PledgeEventType): PledgeEvent {
  return type === 'complete' ? { type, fulfilments: 1 } : ({ type } as PledgeEvent);
}

describe('pledge transition', () => {
  const pairs = PLEDGE_STATES.flatMap((state) => PLEDGE_EVENT_TYPES.map((event) => [state, event] as const));

  it('covers every state and event of the contract', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PLEDGE_STATES].sort());
    expect(pairs).toHaveLength(PLEDGE_STATES.length * PLEDGE_EVENT_TYPES.length);
  });

  it.each(pairs)('%s + %s', (state, event) => {
    const expected = TABLE[state][event];
    const result = said(transition(state, eventOf(event)));
    if (expected === null) {
      expect(result.ok).toBe(false);
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/\S/) });
    } else {
      expect(result).toEqual({ ok: true, to: expected });
    }
  });

  it('refuses to complete a pledge with no fulfilment record', () => {
    expect(said(transition('approved', { type: 'complete', fulfilments: 0 }))).toEqual({
      ok: false,
      reason: '请先记录至少一次践诺情况，再标记完成',
    });
  });

  it('takes help given on a completed pledge within 30 days of completing it, then asks for a new pledge', () => {
    expect(said(transition('completed', { type: 'fulfil', completedDaysAgo: 0 }))).toEqual({
      ok: true,
      to: 'completed',
    });
    expect(said(transition('completed', { type: 'fulfil', completedDaysAgo: 30 }))).toEqual({
      ok: true,
      to: 'completed',
    });
    expect(said(transition('completed', { type: 'fulfil', completedDaysAgo: 31 }))).toEqual({
      ok: false,
      reason: '这项承诺完成已超过30天，请新作一项承诺后再记录践诺',
    });
    expect(transition('appraised', { type: 'fulfil', completedDaysAgo: 1 }).ok).toBe(false);
  });

  it('never reaches appraised without completed, nor leaves withdrawn', () => {
    for (const event of PLEDGE_EVENT_TYPES) {
      expect(transition('withdrawn', eventOf(event)).ok).toBe(false);
    }
    expect(transition('approved', { type: 'appraise' }).ok).toBe(false);
  });
});

describe('isOverdue', () => {
  it.each([
    ['draft', true],
    ['submitted', true],
    ['returned', true],
    ['approved', true],
    ['completed', false],
    ['appraised', false],
    ['withdrawn', false],
  ] as const)('past due in %s → %s', (state, overdue) => {
    expect(isOverdue(state, '2026-11-27', '2026-11-28')).toBe(overdue);
  });

  it('is not overdue on the due day itself', () => {
    expect(isOverdue('approved', '2026-11-28', '2026-11-28')).toBe(false);
  });
});

describe('wallUnitOf', () => {
  it('is the village of a village branch and the town for the town organs', () => {
    expect(wallUnitOf(['town', 'village'])).toBe('village');
    expect(wallUnitOf(['town', 'village', 'block'])).toBe('village');
    expect(wallUnitOf(['town'])).toBe('town');
  });
});
