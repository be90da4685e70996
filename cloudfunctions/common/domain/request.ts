import type { Rating, RequestState } from '@honglin/types/request';
import { refuse, type Transition } from './transition';

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

/** The request after a move, with the timeline's name for what happened. */
export type RequestTransition = Transition<RequestSnapshot, { event: TimelineEvent }>;

const moved = (to: RequestSnapshot, event: TimelineEvent): RequestTransition => ({ ok: true, to, event });
const OPEN: readonly RequestState[] = ['submitted', 'accepted', 'in_progress'];
const TAKEN: readonly RequestState[] = ['accepted', 'in_progress'];

/** Arrives at another level: it waits there for acceptance, with nobody named yet. */
function moveTo(s: RequestSnapshot, level: number, cameFrom: number[]): RequestSnapshot {
  return { ...s, state: 'submitted', level, cameFrom, handlerId: null, assigneeId: null };
}

function escalate(s: RequestSnapshot): RequestTransition | null {
  if (s.level === 0) return refuse('request.atTop');
  return null;
}

export function transition(s: RequestSnapshot, e: RequestEvent): RequestTransition {
  switch (e.type) {
    case 'accept':
      if (s.state !== 'submitted') return refuse('request.alreadyAccepted');
      return moved({ ...s, state: 'accepted', handlerId: e.actor, assigneeId: null }, 'accepted');

    case 'assign':
      if (!TAKEN.includes(s.state)) return refuse('request.acceptBeforeAssign');
      return moved({ ...s, state: 'in_progress', assigneeId: e.assigneeId }, 'assigned');

    case 'dispatch':
      if (!OPEN.includes(s.state)) return refuse('request.closedNoDispatch');
      if (!Number.isInteger(e.toLevel) || e.toLevel <= s.level || e.toLevel >= s.levels) {
        return refuse('request.dispatchOffLadder');
      }
      return moved(moveTo(s, e.toLevel, [...s.cameFrom, s.level]), 'dispatched');

    case 'escalate': {
      if (!TAKEN.includes(s.state)) return refuse('request.acceptBeforeEscalate');
      const top = escalate(s);
      if (top) return top;
      return moved(moveTo(s, s.level - 1, [...s.cameFrom, s.level]), 'escalated');
    }

    case 'autoEscalate': {
      if (!OPEN.includes(s.state)) return refuse('request.closed');
      const top = escalate(s);
      if (top) return top;
      return moved(moveTo(s, s.level - 1, [...s.cameFrom, s.level]), 'autoEscalated');
    }

    case 'handBack': {
      if (!OPEN.includes(s.state)) return refuse('request.closedNoHandBack');
      if (s.state === 'in_progress' && s.assigneeId !== null && e.actor === s.assigneeId) {
        return moved({ ...s, assigneeId: null }, 'returnedByAssignee');
      }
      const back = s.cameFrom[s.cameFrom.length - 1];
      if (back === undefined) return refuse('request.nowhereToHandBack');
      return moved(moveTo(s, back, s.cameFrom.slice(0, -1)), 'handedBack');
    }

    case 'resolve':
      if (!TAKEN.includes(s.state)) {
        return refuse(s.state === 'submitted' ? 'request.acceptBeforeResolve' : 'request.alreadyResolved');
      }
      return moved({ ...s, state: 'resolved' }, 'resolved');

    case 'rate':
      if (s.state !== 'resolved') return refuse('request.rateBeforeResolved');
      if (e.rating === 'unsatisfied') {
        // 不满意: back to the same handler (and assignee) to be handled again.
        return moved({ ...s, state: 'in_progress' }, 'reopened');
      }
      return moved({ ...s, state: 'closed' }, 'closed');

    case 'autoClose':
      if (s.state !== 'resolved') return refuse('request.notAwaitingRating');
      return moved({ ...s, state: 'closed' }, 'autoClosed');
  }
}
