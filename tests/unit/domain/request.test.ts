import {
  transition,
  type RequestEvent,
  type RequestEventType,
  type RequestSnapshot,
} from '../../../cloudfunctions/common/domain/request';
import { said } from './said';
import { maskName, maskPhone } from '@honglin/types/mask';
import { REQUEST_STATES, type RequestState } from '@honglin/types/request';

/** A request at the group level (index 3 of town, village, block, group, neighbourhood), passed up once. */
function snapshot(state: RequestState, extra: Partial<RequestSnapshot> = {}): RequestSnapshot {
  return {
    state,
    level: 3,
    levels: 5,
    handlerId: state === 'submitted' ? null : 'head-1',
    assigneeId: null,
    cameFrom: [4],
    ...extra,
  };
}

const EVENTS: Record<RequestEventType, RequestEvent> = {
  accept: { type: 'accept', actor: 'head-2' },
  assign: { type: 'assign', assigneeId: 'member-1' },
  dispatch: { type: 'dispatch', toLevel: 4 },
  escalate: { type: 'escalate' },
  autoEscalate: { type: 'autoEscalate' },
  handBack: { type: 'handBack', actor: 'head-1' },
  resolve: { type: 'resolve' },
  rate: { type: 'rate', rating: 'satisfied' },
  autoClose: { type: 'autoClose' },
};

/** Every (state, event) pair: the next state, or null for a refusal. */
const TABLE: Record<RequestState, Record<RequestEventType, RequestState | null>> = {
  submitted: {
    accept: 'accepted',
    assign: null,
    dispatch: 'submitted',
    escalate: null,
    autoEscalate: 'submitted',
    handBack: 'submitted',
    resolve: null,
    rate: null,
    autoClose: null,
  },
  accepted: {
    accept: null,
    assign: 'in_progress',
    dispatch: 'submitted',
    escalate: 'submitted',
    autoEscalate: 'submitted',
    handBack: 'submitted',
    resolve: 'resolved',
    rate: null,
    autoClose: null,
  },
  in_progress: {
    accept: null,
    assign: 'in_progress',
    dispatch: 'submitted',
    escalate: 'submitted',
    autoEscalate: 'submitted',
    handBack: 'submitted',
    resolve: 'resolved',
    rate: null,
    autoClose: null,
  },
  resolved: {
    accept: null,
    assign: null,
    dispatch: null,
    escalate: null,
    autoEscalate: null,
    handBack: null,
    resolve: null,
    rate: 'closed',
    autoClose: 'closed',
  },
  closed: {
    accept: null,
    assign: null,
    dispatch: null,
    escalate: null,
    autoEscalate: null,
    handBack: null,
    resolve: null,
    rate: null,
    autoClose: null,
  },
};

describe('request state machine: every (state, event) pair', () => {
  const cases = REQUEST_STATES.flatMap((state) =>
    (Object.keys(EVENTS) as RequestEventType[]).map((type) => [state, type, TABLE[state][type]] as const),
  );
  it.each(cases)('%s + %s → %s', (state, type, expected) => {
    const result = said(transition(snapshot(state), EVENTS[type]));
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/[\u4e00-\u9fa5]/);
    } else {
      expect(result).toMatchObject({ ok: true, to: { state: expected } });
    }
  });
});

describe('who is responsible after a transition', () => {
  it('accepting names the acceptor as the one handler', () => {
    const result = transition(snapshot('submitted'), { type: 'accept', actor: 'head-2' });
    expect(result).toMatchObject({ ok: true, to: { handlerId: 'head-2', assigneeId: null }, event: 'accepted' });
  });

  it('passing up moves to the parent level, awaiting acceptance there, remembering where it came from', () => {
    const result = transition(snapshot('accepted'), { type: 'escalate' });
    expect(result).toMatchObject({
      ok: true,
      to: { state: 'submitted', level: 2, cameFrom: [4, 3], handlerId: null, assigneeId: null },
      event: 'escalated',
    });
  });

  it('the town cannot pass up any further', () => {
    expect(transition(snapshot('accepted', { level: 0 }), { type: 'escalate' }).ok).toBe(false);
    expect(transition(snapshot('submitted', { level: 0 }), { type: 'autoEscalate' }).ok).toBe(false);
  });

  it('handing back returns to the level that passed it, never another', () => {
    const result = transition(snapshot('accepted', { cameFrom: [4] }), { type: 'handBack', actor: 'head-1' });
    expect(result).toMatchObject({
      ok: true,
      to: { state: 'submitted', level: 4, cameFrom: [] },
      event: 'handedBack',
    });
  });

  it('a request that started at this level has nowhere to be handed back to', () => {
    expect(transition(snapshot('accepted', { cameFrom: [] }), { type: 'handBack', actor: 'head-1' }).ok).toBe(false);
  });

  it('the assigned member hands it back to the head who assigned it, at the same level', () => {
    const result = transition(snapshot('in_progress', { assigneeId: 'member-1' }), {
      type: 'handBack',
      actor: 'member-1',
    });
    expect(result).toMatchObject({
      ok: true,
      to: { state: 'in_progress', level: 3, handlerId: 'head-1', assigneeId: null },
      event: 'returnedByAssignee',
    });
  });

  it('dispatch goes only down the request’s own ladder', () => {
    expect(transition(snapshot('accepted'), { type: 'dispatch', toLevel: 3 }).ok).toBe(false);
    expect(transition(snapshot('accepted'), { type: 'dispatch', toLevel: 2 }).ok).toBe(false);
    expect(transition(snapshot('accepted'), { type: 'dispatch', toLevel: 5 }).ok).toBe(false);
    expect(transition(snapshot('accepted', { cameFrom: [] }), { type: 'dispatch', toLevel: 4 })).toMatchObject({
      ok: true,
      to: { state: 'submitted', level: 4, cameFrom: [3] },
    });
  });

  it('不满意 reopens with the same handler and assignee', () => {
    const result = transition(snapshot('resolved', { assigneeId: 'member-1' }), {
      type: 'rate',
      rating: 'unsatisfied',
    });
    expect(result).toMatchObject({
      ok: true,
      to: { state: 'in_progress', handlerId: 'head-1', assigneeId: 'member-1' },
      event: 'reopened',
    });
  });

  it('基本满意 closes like 满意', () => {
    expect(transition(snapshot('resolved'), { type: 'rate', rating: 'basic' })).toMatchObject({
      ok: true,
      to: { state: 'closed' },
      event: 'closed',
    });
  });
});

describe('masking private fields', () => {
  it('masks phones and names', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
  });
});
