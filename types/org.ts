import * as z from 'zod';

/** Levels of the one unit tree: town → village/community → block 片 → group 组 → neighbourhood 邻. */
export const UNIT_KINDS = ['town', 'village', 'block', 'group', 'neighbourhood'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  town: '镇',
  village: '村（社区）',
  block: '片',
  group: '组',
  neighbourhood: '邻',
};

/** A unit of the tree. `path` holds its ancestors' ids, root first, then its own id (materialised path). */
export interface Unit {
  _id: string;
  kind: UnitKind;
  name: string;
  parentId: string | null;
  path: string[];
  order: number;
}

/**
 * Roles a person may hold, each always in one unit. Everyone is a villager (群众) without a grant.
 * member and branch_secretary are held in a party branch (and so in the branch's unit).
 */
export const ROLE_NAMES = [
  'member',
  'neighbour_head',
  'group_head',
  'block_head',
  'branch_secretary',
  'village_admin',
  'town_admin',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export const roleNameSchema = z.enum(ROLE_NAMES);

export const ROLE_LABELS: Record<RoleName, string> = {
  member: '党员',
  neighbour_head: '邻长',
  group_head: '组长',
  block_head: '片长',
  branch_secretary: '支部书记',
  village_admin: '村管理员',
  town_admin: '镇管理员',
};

/** The unit kind each role is held in (branch roles: the kind of the branch's unit, any). */
export const ROLE_UNIT_KIND: Partial<Record<RoleName, UnitKind>> = {
  neighbour_head: 'neighbourhood',
  group_head: 'group',
  block_head: 'block',
  village_admin: 'village',
  town_admin: 'town',
};

/** The head role responsible at each level of the request ladder. */
export const HEAD_ROLE_OF_KIND: Record<UnitKind, RoleName> = {
  neighbourhood: 'neighbour_head',
  group: 'group_head',
  block: 'block_head',
  village: 'village_admin',
  town: 'town_admin',
};

export const BRANCH_ROLES: readonly RoleName[] = ['member', 'branch_secretary'];

// The role groups, named once: access rules, scope checks and the client's menus all use these.

/** The admin roles that grant and revoke roles, and manage units, branches, places and people. */
export const ADMIN_ROLES: readonly RoleName[] = ['village_admin', 'town_admin'];

/** The heads of the 片组邻三长制: they visit households and take up residents' problems in their unit. */
export const HEAD_ROLES: readonly RoleName[] = ['neighbour_head', 'group_head', 'block_head'];

/** Roles that take up requests somewhere on a ladder: the heads and the admins. */
export const HANDLING_ROLES: readonly RoleName[] = [...HEAD_ROLES, ...ADMIN_ROLES];

/** Roles that read the statistics: the admins, and a branch secretary for their branch's unit. */
export const STATS_ROLES: readonly RoleName[] = ['town_admin', 'village_admin', 'branch_secretary'];

/** An admin grant of one of these units (a unit's path, a request's ladder): admins act over their unit and below. */
export function isAdminGrantOver(grant: Pick<RoleGrant, 'role' | 'unitId'>, unitIds: readonly string[]): boolean {
  return ADMIN_ROLES.includes(grant.role) && unitIds.includes(grant.unitId);
}

/** Holds an admin grant of one of these units. */
export function isAdminOver(
  grants: readonly Pick<RoleGrant, 'role' | 'unitId'>[],
  unitIds: readonly string[],
): boolean {
  return grants.some((g) => isAdminGrantOver(g, unitIds));
}

/** One role held by a person: which role, in which unit (with the unit's path), and for branch roles which branch. */
export interface RoleGrant {
  role: RoleName;
  unitId: string;
  /** The unit's path (ancestors then itself), copied so scope checks need no extra read. */
  unitPath: string[];
  branchId?: string;
  grantedAt: string;
  grantedBy: string;
}

/** A role as answers carry it: who granted it stays in the record (an OPENID is nobody else's to read). */
export type RoleGrantView = Omit<RoleGrant, 'grantedBy'>;

/** A party branch (党支部), attached to a unit (a village's branch, the town organs' branch). */
export interface Branch {
  _id: string;
  name: string;
  unitId: string;
  /** The unit's path, so "branches in village X and below" is one indexed query. */
  unitPath: string[];
}

export const PLACE_KINDS = ['red_site', 'field', 'enterprise', 'venue'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  red_site: '红色教育基地',
  field: '田间地头',
  enterprise: '企业',
  venue: '活动场所',
};

/** A place registered once and referred to by id: red-heritage sites, fields, enterprises. */
export interface Place {
  _id: string;
  name: string;
  kind: PlaceKind;
  unitId: string;
  unitPath: string[];
  address?: string;
  location?: { type: 'Point'; coordinates: [number, number] };
}

/**
 * The stored person (collection `users`, `_id` = OPENID). Phone is private: shown only to the person and the
 * admins of their unit, masked elsewhere.
 */
export interface UserRecord {
  _id: string;
  nickname: string;
  avatarUrl: string;
  homeUnitId: string | null;
  homeUnitPath: string[];
  phone?: string;
  roles: RoleGrant[];
  privacyAcceptedAt: Date | null;
  createdAt: Date;
  /** Set by 注销: personal fields erased, records kept anonymised. */
  deletedAt?: Date | null;
}
