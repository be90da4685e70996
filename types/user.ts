import * as z from 'zod';
import { cursorSchema, fileIdSchema, freeText, idSchema, pageSizeSchema, phoneSchema, requestIdSchema } from './common';
import { BRANCH_ROLES, roleNameSchema, type RoleGrantView, type RoleName, type UnitKind } from './org';

/** The version of the privacy guideline (隐私保护指引) the app shows; a new version asks again. */
export const PRIVACY_VERSION = '2026-12';

/** The name a deleted account (注销) shows wherever its records remain. */
export const DELETED_NICKNAME = '已注销用户';

/** A unit as the app shows it next to a role or a home: its id, name, kind and the names above it. */
export interface UnitLabel {
  id: string;
  name: string;
  kind: UnitKind;
  /** Names from the town down to this unit, e.g. ['鹿原镇', '西草坪村', '一片']. */
  pathNames: string[];
}

/** A role the person holds, with the names the app shows. */
export interface RoleView extends RoleGrantView {
  unitName: string;
  branchName?: string;
}

/** user.me — who the caller is, as the app needs it on every start. */
export const meInputSchema = z.object({});

export interface Me {
  openid: string;
  /** False until the person has agreed to the privacy guideline and so been recorded. */
  known: boolean;
  nickname: string;
  avatarUrl: string;
  homeUnitId: string | null;
  homeUnit: UnitLabel | null;
  /** The person's own phone number, unmasked (only they see it so). */
  phone: string;
  roles: RoleView[];
  privacyAcceptedAt: string | null;
  /** True when the guideline has changed since they agreed: ask again. */
  privacyOutdated: boolean;
}

/** user.acceptPrivacy — the person agrees to the guideline; only now is a record of them kept. */
export const acceptPrivacyInputSchema = z.object({
  version: z.literal(PRIVACY_VERSION, { message: '隐私保护指引已更新，请重新阅读后同意' }),
});
export type AcceptPrivacyInput = z.input<typeof acceptPrivacyInputSchema>;
export interface AcceptPrivacyResult {
  privacyAcceptedAt: string;
}

/** An avatar: a stored picture (cloud://) or nothing. */
const avatarSchema = z.union([fileIdSchema, z.literal('')]);

/** user.updateProfile — name, avatar, phone and home unit; only the fields given change. */
export const updateProfileInputSchema = z
  .object({
    nickname: freeText().min(1, '请填写称呼').max(20, '称呼最多20个字').optional(),
    avatarUrl: avatarSchema.optional(),
    /** '' removes the number. */
    phone: z.union([phoneSchema, z.literal('')]).optional(),
    homeUnitId: idSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容' });
export type UpdateProfileInput = z.input<typeof updateProfileInputSchema>;
export interface Profile {
  nickname: string;
  avatarUrl: string;
  phone: string;
  homeUnitId: string | null;
}

/** user.deleteAccount — 注销: the person confirms explicitly. */
export const deleteAccountInputSchema = z.object({
  confirm: z.literal(true, { message: '请确认注销账号' }),
});
export type DeleteAccountInput = z.input<typeof deleteAccountInputSchema>;
export interface DeleteAccountResult {
  deletedAt: string;
  /** Every record of theirs is erased already; false: the rest is erased within minutes by the `erase` timer. */
  erased: boolean;
}

/** user.erase (timer) — goes on with unfinished erasures; `batch` (the trigger's Message) bounds the documents of one run. */
export const eraseTimerInputSchema = z.object({
  batch: z.number().int().min(1).max(1000).optional(),
});

/** user.wxa_media_check — WeChat's push of an asynchronous image check's verdict. */
export const mediaCheckEventSchema = z.object({
  trace_id: z.string().min(1),
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number().optional() }),
});

/**
 * Where a role is granted: unit roles name a unit (邻长 a neighbourhood …); branch roles (党员, 支部书记)
 * name a party branch, and so the branch's unit.
 */
const roleTargetRule = (v: { role: RoleName; unitId?: string; branchId?: string }) =>
  BRANCH_ROLES.includes(v.role) ? !!v.branchId && !v.unitId : !!v.unitId && !v.branchId;
const roleTargetMessage = { message: '党员和支部书记请选择党支部，其他角色请选择单位', path: ['role'] };

/** user.createInvite — a one-time invitation for one role in one unit (or branch). */
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_CODE_LENGTH = 8;
/** 32 letters and digits that cannot be mistaken for one another when read or typed (no 0/O, no 1/I). */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const createInviteInputSchema = z
  .object({
    requestId: requestIdSchema,
    role: roleNameSchema,
    unitId: idSchema.optional(),
    branchId: idSchema.optional(),
    expiresInDays: z.number().int().min(1, '有效期至少1天').max(30, '有效期最多30天').default(INVITE_DEFAULT_DAYS),
  })
  .refine(roleTargetRule, roleTargetMessage);
export type CreateInviteInput = z.input<typeof createInviteInputSchema>;

export type InviteStatus = 'open' | 'redeemed' | 'expired';

export interface InviteView {
  code: string;
  role: RoleName;
  unitId: string;
  branchId?: string;
  /** The unit's name (unit roles) or the branch's name (党员, 支部书记). */
  targetName: string;
  status: InviteStatus;
  createdAt: string;
  expiresAt: string;
  /** The mini-program code (QR) holding the invitation: a cloud:// file id, shown with imageUrl(). Empty if it could not be made. */
  qrFileId: string;
}

/** user.redeemInvite — the invited person enters the code (or scans the QR). */
export const inviteCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z.string().regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`), '邀请码是8位字母和数字，请核对'),
  );
export const redeemInviteInputSchema = z.object({ code: inviteCodeSchema });
export type RedeemInviteInput = z.input<typeof redeemInviteInputSchema>;
export interface RedeemInviteResult {
  grant: RoleGrantView;
  targetName: string;
  /** A personal invitation of a roster's invitation sheet: the name on the roster now linked to the caller. */
  personName?: string;
}

/** user.listPeople — people living in or holding a role in a unit (and below), for admins of that unit. */
export const listPeopleInputSchema = z.object({
  unitId: idSchema,
  /** Part of a name. */
  query: z.string().trim().max(20, '搜索词最多20个字').optional(),
  role: roleNameSchema.optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListPeopleInput = z.input<typeof listPeopleInputSchema>;

export interface PersonView {
  openid: string;
  nickname: string;
  avatarUrl: string;
  homeUnitId: string | null;
  /** Masked (138****5678) unless the viewer administers the person's home unit. */
  phone: string;
  roles: RoleGrantView[];
  createdAt: string;
}

/** user.grantRole / user.revokeRole — directly, by an admin of an enclosing unit. */
const personTarget = {
  openid: z.string().min(1, '请选择人员').max(64),
  role: roleNameSchema,
  unitId: idSchema.optional(),
  branchId: idSchema.optional(),
};
export const grantRoleInputSchema = z.object(personTarget).refine(roleTargetRule, roleTargetMessage);
export type GrantRoleInput = z.input<typeof grantRoleInputSchema>;
export const revokeRoleInputSchema = z.object(personTarget).refine(roleTargetRule, roleTargetMessage);
export type RevokeRoleInput = z.input<typeof revokeRoleInputSchema>;

export interface RoleChangeResult {
  openid: string;
  roles: RoleGrantView[];
}

/** How a role change came about. */
export const ROLE_CHANGE_VIA = ['direct', 'invite', 'roster', 'bootstrap', 'account_deleted'] as const;
export type RoleChangeVia = (typeof ROLE_CHANGE_VIA)[number];
export const ROLE_CHANGE_VIA_LABELS: Record<RoleChangeVia, string> = {
  direct: '管理员直接设置',
  invite: '接受邀请',
  roster: '按名册认领',
  bootstrap: '部署配置',
  account_deleted: '注销账号',
};

/** One recorded change of roles (collection role_changes): who, when, what, to whom. */
export interface RoleChangeView {
  id: string;
  change: 'grant' | 'revoke';
  via: RoleChangeVia;
  grants: RoleGrantView[];
  subject: string;
  subjectName: string;
  /** The admin who made the change, by name (their OPENID stays in the record). */
  actorName: string;
  at: string;
  /** Where the role is held (unit or branch name), for a change of one role. */
  targetName?: string;
  inviteCode?: string;
}

/** user.listRoleChanges — the role change log of a unit and below, newest first. */
export const listRoleChangesInputSchema = z.object({
  unitId: idSchema,
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListRoleChangesInput = z.input<typeof listRoleChangesInputSchema>;

/** The kinds of subscribe message (订阅消息) the functions send: the keys of config/honglin.json subscribeTemplates. */
export const SUBSCRIPTION_KINDS = [
  'requestAccepted',
  'requestResolved',
  'requestEscalated',
  'pledgeReviewed',
  'pledgeAppraised',
  'activityReminder',
] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/**
 * user.reportSubscriptions — the kinds of message the person accepted in WeChat's subscribe dialog just now (one
 * dialog asks for at most three). Each acceptance allows one message of that kind to be sent to them.
 */
export const reportSubscriptionsInputSchema = z.object({
  accepted: z
    .array(z.enum(SUBSCRIPTION_KINDS, { message: '没有这种消息' }))
    .min(1, '请至少选择一种消息')
    .max(3, '一次最多订阅三种消息')
    .refine((kinds) => new Set(kinds).size === kinds.length, '同一种消息只能报一次'),
});
export type ReportSubscriptionsInput = z.input<typeof reportSubscriptionsInputSchema>;
export interface ReportSubscriptionsResult {
  /** How many messages of each kind may now be sent to the person (kinds never accepted are left out). */
  counts: Partial<Record<SubscriptionKind, number>>;
}
