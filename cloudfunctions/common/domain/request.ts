import type { Rating, RequestState } from '@honglin/types/request';

/**
 * The one state machine of a resident request (民生诉求), pure: no SDK, no database, no clock.
 *
 * A request climbs one ladder of units, root first: [town, village, block, group, neighbourhood]; `level` is
 * the index of the one unit responsible now. Passing it up (上报) or down (派给下级) pushes the level it
 * leaves onto `cameFrom`, so handing it back (退回) can only return it to the level that passed it — never
 * sideways. The member a head assigned it to hands it back to that head.
 */
export interface RequestSnapshot {
  state: RequestState;
  level: number;
  /** How many rungs the ladder has (the responsible level is always one of them). */
  levels: number;
  handlerId: string | null;
  assigneeId: string | null;
  cameFrom: number[];
}

export type RequestEvent =
  | { type: 'accept'; actor: string }
  | { type: 'assign'; assigneeId: string }
  | { type: 'dispatch'; toLevel: number }
  | { type: 'escalate' }
  | { type: 'autoEscalate' }
  | { type: 'handBack'; actor: string }
  | { type: 'resolve' }
  | { type: 'rate'; rating: Rating }
  | { type: 'autoClose' };

export type RequestEventType = RequestEvent['type'];

/** What happened, as the timeline names it. */
export type TimelineEvent =
  | 'accepted'
  | 'assigned'
  | 'dispatched'
  | 'escalated'
  | 'autoEscalated'
  | 'handedBack'
  | 'returnedByAssignee'
  | 'resolved'
  | 'closed'
  | 'reopened'
  | 'autoClosed';

export type Transition = { ok: true; next: RequestSnapshot; event: TimelineEvent } | { ok: false; reason: string };

const refuse = (reason: string): Transition => ({ ok: false, reason });
const OPEN: readonly RequestState[] = ['submitted', 'accepted', 'in_progress'];
const TAKEN: readonly RequestState[] = ['accepted', 'in_progress'];

/** Arrives at another level: it waits there for acceptance, with nobody named yet. */
function moveTo(s: RequestSnapshot, level: number, cameFrom: number[]): RequestSnapshot {
  return { ...s, state: 'submitted', level, cameFrom, handlerId: null, assigneeId: null };
}

function escalate(s: RequestSnapshot): Transition | null {
  if (s.level === 0) return refuse('已经是最高一级，不能再上报');
  return null;
}

export function transition(s: RequestSnapshot, e: RequestEvent): Transition {
  switch (e.type) {
    case 'accept':
      if (s.state !== 'submitted') return refuse('这条诉求已经有人签收了');
      return { ok: true, next: { ...s, state: 'accepted', handlerId: e.actor, assigneeId: null }, event: 'accepted' };

    case 'assign':
      if (!TAKEN.includes(s.state)) return refuse('请先签收，再分派给党员办理');
      return { ok: true, next: { ...s, state: 'in_progress', assigneeId: e.assigneeId }, event: 'assigned' };

    case 'dispatch':
      if (!OPEN.includes(s.state)) return refuse('这条诉求已经办结，不能再派给下级');
      if (!Number.isInteger(e.toLevel) || e.toLevel <= s.level || e.toLevel >= s.levels) {
        return refuse('只能派给这条诉求所在的下级单位');
      }
      return { ok: true, next: moveTo(s, e.toLevel, [...s.cameFrom, s.level]), event: 'dispatched' };

    case 'escalate': {
      if (!TAKEN.includes(s.state)) return refuse('请先签收，再上报');
      const top = escalate(s);
      if (top) return top;
      return { ok: true, next: moveTo(s, s.level - 1, [...s.cameFrom, s.level]), event: 'escalated' };
    }

    case 'autoEscalate': {
      if (!OPEN.includes(s.state)) return refuse('这条诉求已经办结');
      const top = escalate(s);
      if (top) return top;
      return { ok: true, next: moveTo(s, s.level - 1, [...s.cameFrom, s.level]), event: 'autoEscalated' };
    }

    case 'handBack': {
      if (!OPEN.includes(s.state)) return refuse('这条诉求已经办结，不能退回');
      if (s.state === 'in_progress' && s.assigneeId !== null && e.actor === s.assigneeId) {
        return { ok: true, next: { ...s, assigneeId: null }, event: 'returnedByAssignee' };
      }
      const back = s.cameFrom[s.cameFrom.length - 1];
      if (back === undefined) return refuse('这条诉求不是别的层级转来的，无处退回');
      return { ok: true, next: moveTo(s, back, s.cameFrom.slice(0, -1)), event: 'handedBack' };
    }

    case 'resolve':
      if (!TAKEN.includes(s.state)) {
        return refuse(s.state === 'submitted' ? '请先签收，再办结' : '这条诉求已经办结了');
      }
      return { ok: true, next: { ...s, state: 'resolved' }, event: 'resolved' };

    case 'rate':
      if (s.state !== 'resolved') return refuse('办结后才能评价');
      if (e.rating === 'unsatisfied') {
        // 不满意: back to the same handler (and assignee) to be handled again.
        return { ok: true, next: { ...s, state: 'in_progress' }, event: 'reopened' };
      }
      return { ok: true, next: { ...s, state: 'closed' }, event: 'closed' };

    case 'autoClose':
      if (s.state !== 'resolved') return refuse('只有办结待评价的诉求才会自动完成');
      return { ok: true, next: { ...s, state: 'closed' }, event: 'autoClosed' };
  }
}
