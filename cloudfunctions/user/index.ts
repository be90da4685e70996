import { imageCheckRetry, mediaCheckResult } from '../common/mediaCheckResult';
import type { UserContract } from '@honglin/types/contract/user';
import { createMain, type ServerActions } from '../common/runtime';
import { deleteAccount, erase } from './deleteAccount';
import { createInvite, redeemInvite } from './invites';
import { me } from './me';
import { listPeople } from './people';
import { acceptPrivacy, updateProfile } from './profile';
import { grantRole, listRoleChanges, revokeRole } from './roles';
import { reportSubscriptions } from './subscriptions';

export const actions = {
  me,
  acceptPrivacy,
  updateProfile,
  deleteAccount,
  createInvite,
  redeemInvite,
  listPeople,
  grantRole,
  revokeRole,
  listRoleChanges,
  reportSubscriptions,
  /** Timer: goes on with account erasures a deleteAccount call could not finish. */
  erase,
  /** WeChat's message push of an image check's verdict (config/honglin.json messagePush sends it here). */
  wxa_media_check: mediaCheckResult,
  /** Timer: starts image checks that could not be started when the photos were stored. */
  retryImageChecks: imageCheckRetry,
} satisfies ServerActions<UserContract>;

export const main = createMain('user', actions);
