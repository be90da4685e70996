import type { Page } from '@honglin/types/common';
import type {
  AcceptPrivacyInput,
  AcceptPrivacyResult,
  CreateInviteInput,
  DeleteAccountInput,
  DeleteAccountResult,
  GrantRoleInput,
  InviteView,
  ListPeopleInput,
  ListRoleChangesInput,
  Me,
  PersonView,
  Profile,
  RedeemInviteInput,
  RedeemInviteResult,
  ReportSubscriptionsInput,
  ReportSubscriptionsResult,
  RevokeRoleInput,
  RoleChangeResult,
  RoleChangeView,
  UpdateProfileInput,
} from '@honglin/types/user';
import { callCloud } from './transport';

/** The `user` cloud function (people and roles), one typed call per action (docs/api/user.md). */
export const userApi = {
  me: () => callCloud<Me>('user', 'me', {}),
  acceptPrivacy: (input: AcceptPrivacyInput) => callCloud<AcceptPrivacyResult>('user', 'acceptPrivacy', input),
  updateProfile: (input: UpdateProfileInput) => callCloud<Profile>('user', 'updateProfile', input),
  deleteAccount: (input: DeleteAccountInput) => callCloud<DeleteAccountResult>('user', 'deleteAccount', input),
  createInvite: (input: CreateInviteInput) => callCloud<InviteView>('user', 'createInvite', input),
  redeemInvite: (input: RedeemInviteInput) => callCloud<RedeemInviteResult>('user', 'redeemInvite', input),
  listPeople: (input: ListPeopleInput) => callCloud<Page<PersonView>>('user', 'listPeople', input),
  grantRole: (input: GrantRoleInput) => callCloud<RoleChangeResult>('user', 'grantRole', input),
  revokeRole: (input: RevokeRoleInput) => callCloud<RoleChangeResult>('user', 'revokeRole', input),
  listRoleChanges: (input: ListRoleChangesInput) => callCloud<Page<RoleChangeView>>('user', 'listRoleChanges', input),
  reportSubscriptions: (input: ReportSubscriptionsInput) =>
    callCloud<ReportSubscriptionsResult>('user', 'reportSubscriptions', input),
};
