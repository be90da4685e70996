import type { Page } from '../common';
import type {
  AcceptPrivacyResult,
  DeleteAccountResult,
  InviteView,
  Me,
  PersonView,
  Profile,
  RedeemInviteResult,
  ReportSubscriptionsResult,
  RoleChangeResult,
  RoleChangeView,
  acceptPrivacyInputSchema,
  createInviteInputSchema,
  deleteAccountInputSchema,
  eraseTimerInputSchema,
  grantRoleInputSchema,
  listPeopleInputSchema,
  listRoleChangesInputSchema,
  mediaCheckEventSchema,
  meInputSchema,
  redeemInviteInputSchema,
  reportSubscriptionsInputSchema,
  revokeRoleInputSchema,
  updateProfileInputSchema,
} from '../user';
import type { Call, CallNames, Trigger } from './action';

/** The `user` cloud function (people, consent and roles): docs/api/user.md. */
export interface UserContract {
  /** Who the caller is: their profile, roles and consent (a first town admin is set up here). */
  me: Call<typeof meInputSchema, Me>;
  /** The caller agrees to the privacy guideline of this version. */
  acceptPrivacy: Call<typeof acceptPrivacyInputSchema, AcceptPrivacyResult>;
  /** The caller changes their nickname, avatar, phone or home unit. */
  updateProfile: Call<typeof updateProfileInputSchema, Profile>;
  /** The caller closes their account (注销) and their personal data is erased. */
  deleteAccount: Call<typeof deleteAccountInputSchema, DeleteAccountResult>;
  /** An admin makes an invitation code that grants a role in a unit or branch. */
  createInvite: Call<typeof createInviteInputSchema, InviteView>;
  /** The caller redeems an invitation code and gets its role. */
  redeemInvite: Call<typeof redeemInviteInputSchema, RedeemInviteResult>;
  /** An admin lists the people of a unit, with their roles. */
  listPeople: Call<typeof listPeopleInputSchema, Page<PersonView>>;
  /** An admin grants a role in a unit or branch they administer. */
  grantRole: Call<typeof grantRoleInputSchema, RoleChangeResult>;
  /** An admin takes a role back. */
  revokeRole: Call<typeof revokeRoleInputSchema, RoleChangeResult>;
  /** An admin lists the role grants and revocations in a unit. */
  listRoleChanges: Call<typeof listRoleChangesInputSchema, Page<RoleChangeView>>;
  /** The app reports which subscribe messages the caller just accepted. */
  reportSubscriptions: Call<typeof reportSubscriptionsInputSchema, ReportSubscriptionsResult>;
  /** Goes on with account erasures a deleteAccount call could not finish. */
  erase: Trigger<'timer', typeof eraseTimerInputSchema>;
  /** WeChat's push of an image check's verdict: a refused photo comes off its record. */
  wxa_media_check: Trigger<'push', typeof mediaCheckEventSchema>;
  /** Starts image checks that could not be started when the photos were stored. */
  retryImageChecks: Trigger<'timer'>;
}

export const USER_CALLS = {
  me: true,
  acceptPrivacy: true,
  updateProfile: true,
  deleteAccount: true,
  createInvite: true,
  redeemInvite: true,
  listPeople: true,
  grantRole: true,
  revokeRole: true,
  listRoleChanges: true,
  reportSubscriptions: true,
} as const satisfies CallNames<UserContract>;
