import { monthOf } from '@honglin/types/time';
import { PRIVACY_VERSION } from '@honglin/types/user';
import { PERSONA } from '../../../emulator/seed/ids';
import { rid, type DemoWorld } from '../user/world';

/**
 * Inputs of the actions the access fixtures do not already give (everyone may call them), for the walk of every
 * answer (tests/functions/answer-scan.test.ts). An action may be walked with several inputs.
 */
export type WalkInput = object | ((world: DemoWorld) => Promise<object>);

export const inputs: Record<string, WalkInput[]> = {
  'request.submit': [async () => ({ requestId: rid(), category: 'help', text: '村道边的护栏松了' })],
  'request.similar': [{ category: 'help' }, { category: 'dispute' }],
  'request.follow': [{ id: 'demo-request-lamp' }],
  // A resident's own, one reported with the resident's phone, a dispute with its parties, one assigned to a member.
  'request.get': [
    { id: 'demo-request-lamp' },
    { id: 'demo-request-tea' },
    { id: 'demo-request-fence' },
    { id: 'demo-request-ditch' },
  ],
  'request.list': [{ scope: 'mine', state: 'all' }, { scope: 'unit', state: 'all' }, { scope: 'assigned' }],
  'request.linkable': [{}],
  'request.rate': [{ id: 'demo-request-tea', rating: 'basic' }],
  'request.comment': [async () => ({ id: 'demo-request-lamp', requestId: rid(), text: '路灯还是不亮' })],
  'pledge.get': [{ id: 'demo-pledge-lamp' }, { id: 'demo-pledge-tea' }],
  'pledge.list': [{ scope: 'mine' }, { scope: 'wall' }, { scope: 'branch', branchId: 'branch-xicaoping' }],
  'pledge.rate': [{ id: 'demo-pledge-tea', verdict: 'satisfied' }],
  'org.tree': [{}],
  'org.listBranches': [{}],
  'org.listPlaces': [{}],
  // An unknown join code (names and digits are only answered for a real one; tests/functions/roster covers those).
  'roster.joinNames': [{ code: 'ABCDEF' }],
  'roster.link': [{ code: 'ABCDEF', personId: 'rp_unknown', phoneLast4: '1234' }],
  'user.me': [{}],
  'user.acceptPrivacy': [{ version: PRIVACY_VERSION }],
  'user.redeemInvite': [{ code: 'ABCD2345' }],
  'user.reportSubscriptions': [{ accepted: ['requestEscalated'] }],
  'video.list': [{}],
  'video.get': [{ id: 'film-bangyang' }],
  'stats.dashboard': [{ unitId: 'v-xicaoping', period: { kind: 'month', month: monthOf(new Date()) } }],
};

/** Actions the walk leaves out, each with why. */
export const skipped: Record<string, string> = {
  'user.deleteAccount':
    'erases the persona it is called as; tests/functions/user covers what it answers (nothing of others)',
  'user.updateProfile': 'answers only the caller’s own profile, and would overwrite the persona’s',
};

/**
 * Where an answer carries another person's OPENID on purpose: the id is the handle the caller's next action takes
 * (grant a role, record an attendee, log a visit), and only the role that takes that action gets it. Keyed by
 * `function.action`, the list of JSON paths (array indexes as `*`).
 */
const attendees = ['attendance.*.openid'];
const branchOwner = ['ownerId', 'items.*.ownerId'];
export const handles: Record<string, string[]> = {
  // Admins grant and revoke roles of the people of their unit, and read whose role changed.
  'user.listPeople': ['items.*.openid'],
  'user.grantRole': ['openid'],
  'user.revokeRole': ['openid'],
  'user.listRoleChanges': ['items.*.subject'],
  // The organiser records attendees (代为登记, 请假) by the same id.
  'activity.get': attendees,
  'activity.addAttendee': attendees,
  'activity.markAbsent': attendees,
  'activity.record': attendees,
  // The branch's secretary filters the review list by member (the owner's id only in the branch view).
  'pledge.get': branchOwner,
  'pledge.list': branchOwner,
  'pledge.review': branchOwner,
  'pledge.appraise': branchOwner,
};

/** The personas walked: every role, here and in another village, and someone who never agreed to the guideline. */
export const NOT_AGREED = 'walk-never-agreed';
export const walkers: string[] = [...Object.values(PERSONA), NOT_AGREED];
