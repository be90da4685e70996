import type { RoleName } from '@honglin/types/org';

/**
 * Who may see and do what (DESIGN §2), written once for every role-restricted action: the roles that may call it
 * and where their role must be held. The access matrix checks each action's declared `roles(...)` against this
 * table, and each fixture's allowed and denied callers against the roles written here.
 */
export interface ScopeRule {
  roles: readonly RoleName[];
  /** Where the role must be held, in the words of DESIGN §2. */
  where: string;
}

const HEADS: RoleName[] = ['neighbour_head', 'group_head', 'block_head'];
const ADMINS: RoleName[] = ['village_admin', 'town_admin'];
const ORGANISERS: RoleName[] = ['branch_secretary', ...ADMINS];
const READERS: RoleName[] = ['member', ...ORGANISERS];
const branchBusiness = 'the activity’s branch (secretary), or an admin of its unit or above';
const ownPledge = 'a member of the pledge’s branch; the owner only (checked by the handler)';

export const SCOPE_TABLE: Record<string, ScopeRule> = {
  'activity.plan': { roles: ORGANISERS, where: branchBusiness },
  'activity.update': { roles: ORGANISERS, where: branchBusiness },
  'activity.cancel': { roles: ORGANISERS, where: branchBusiness },
  'activity.openCheckin': { roles: ORGANISERS, where: branchBusiness },
  'activity.markHeld': { roles: ORGANISERS, where: branchBusiness },
  'activity.checkinToken': { roles: ORGANISERS, where: branchBusiness },
  'activity.record': { roles: ORGANISERS, where: branchBusiness },
  'activity.addAttendee': { roles: ORGANISERS, where: `${branchBusiness} (checked by the handler)` },
  'activity.markAbsent': { roles: ORGANISERS, where: `${branchBusiness} (checked by the handler)` },
  'activity.list': { roles: READERS, where: 'the branches the caller belongs to or administers' },
  'activity.get': { roles: READERS, where: 'its audience sees its own record; organisers see everyone' },
  'activity.month': { roles: READERS, where: 'the caller’s branches' },
  'activity.checkin': { roles: ['member'], where: 'a member of its audience, on site, in the window' },
  'org.createUnit': { roles: ADMINS, where: 'an admin of the parent unit or above' },
  'org.updateUnit': { roles: ADMINS, where: 'an admin of the unit or above' },
  'org.saveBranch': { roles: ADMINS, where: 'an admin of the branch’s unit or above' },
  'org.savePlace': { roles: ADMINS, where: 'an admin of the place’s unit or above' },
  'org.listHouseholds': { roles: [...HEADS, ...ADMINS], where: 'a head or admin of the unit or above' },
  'org.saveHousehold': { roles: [...HEADS, ...ADMINS], where: 'a head or admin of the household’s 邻 or above' },
  'org.closeHousehold': { roles: ADMINS, where: 'an admin of the household’s village or above' },
  'pledge.create': { roles: ['member'], where: 'a member of the branch named' },
  'pledge.update': { roles: ['member'], where: ownPledge },
  'pledge.submit': { roles: ['member'], where: ownPledge },
  'pledge.withdraw': { roles: ['member'], where: ownPledge },
  'pledge.addFulfilment': { roles: ['member'], where: ownPledge },
  'pledge.complete': { roles: ['member'], where: ownPledge },
  'pledge.review': { roles: ['branch_secretary'], where: 'the secretary of the pledge’s branch' },
  'pledge.appraise': { roles: ['branch_secretary'], where: 'the secretary of the pledge’s branch' },
  'request.report': { roles: [...HEADS, ...ADMINS], where: 'a head or admin of a unit on the resident’s ladder' },
  'request.accept': { roles: [...HEADS, ...ADMINS], where: 'the head of the responsible unit, or an admin above' },
  'request.assign': { roles: [...HEADS, ...ADMINS], where: 'its handler, the responsible head, admins above' },
  'request.escalate': { roles: [...HEADS, ...ADMINS], where: 'its handler, the responsible head, admins above' },
  'request.handBack': { roles: [...HEADS, ...ADMINS, 'member'], where: 'the responsible head/admin, or its assignee' },
  'request.resolve': {
    roles: [...HEADS, ...ADMINS, 'member'],
    where: 'its handler, responsible head, admins, assignee',
  },
  'roster.template': { roles: ADMINS, where: 'any admin (a template names nobody)' },
  'roster.preview': { roles: ADMINS, where: 'an admin of the village (or the town) the file is for' },
  'roster.confirm': { roles: ADMINS, where: 'an admin of the import’s village or above' },
  'roster.export': { roles: ADMINS, where: 'an admin of the village (or the town)' },
  'roster.sheet': { roles: ADMINS, where: 'an admin of the village (or the town) whose people the sheet invites' },
  'roster.joinCode': { roles: ORGANISERS, where: 'the branch’s secretary, or an admin of its unit or above' },
  'stats.dashboard': { roles: ['town_admin', 'village_admin', 'branch_secretary'], where: 'the unit or above' },
  'stats.summary': { roles: ['town_admin', 'village_admin', 'branch_secretary'], where: 'the unit or above' },
  'stats.export': { roles: ['town_admin', 'village_admin', 'branch_secretary'], where: 'the unit or above' },
  'stats.reconcile': { roles: ['town_admin', 'village_admin'], where: 'an admin of the unit or above' },
  'user.createInvite': { roles: ADMINS, where: 'an admin of the role’s unit or above' },
  'user.listPeople': { roles: ADMINS, where: 'an admin of the unit or above' },
  'user.grantRole': { roles: ADMINS, where: 'an admin of the role’s unit or above' },
  'user.revokeRole': { roles: ADMINS, where: 'an admin of the role’s unit or above' },
  'user.listRoleChanges': { roles: ADMINS, where: 'an admin of the unit or above' },
  'video.save': { roles: ['town_admin'], where: 'the town (film library)' },
  'video.remove': { roles: ['town_admin'], where: 'the town (film library)' },
  'video.logWatched': { roles: ['member'], where: 'the member’s own log' },
  'video.myLog': { roles: ['member'], where: 'the member’s own log' },
  'visit.log': { roles: HEADS, where: 'a head, for a household of their unit' },
  'visit.list': { roles: HEADS, where: 'the head’s own visits' },
  'visit.notVisited': { roles: [...HEADS, ...ADMINS], where: 'a head or admin of the unit or above' },
  'visit.coverage': {
    roles: ['village_admin', 'town_admin', 'branch_secretary', ...HEADS],
    where:
      'an admin of the village or above, the secretary of the village’s own branch (never the town organs’), or a head for their own unit and below',
  },
};
