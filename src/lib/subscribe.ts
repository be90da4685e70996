import { requestSubscribeMessage } from '@tarojs/taro';
import type { SubscriptionKind } from '@honglin/types/user';
import { userApi } from '@/api/user';
import settings from '../../config/honglin.json';

type TemplateKey = keyof typeof settings.subscribeTemplates;

/** What each flow asks to be told about, by the template keys of config/honglin.json (the cloud's notify() keys). */
const NOTICES = {
  /** A resident's request: accepted, resolved, passed on. */
  request: ['requestAccepted', 'requestResolved', 'requestEscalated'],
  /**
   * Requests a head or member handles: one passed up to them when overdue, or reopened after an unsatisfied rating
   * (both requestEscalated). Asked when they take one up (签收) or resolve one assigned to them (办结).
   */
  handling: ['requestEscalated'],
  /** A member's pledge: approved or returned by the branch, appraised. */
  pledge: ['pledgeReviewed', 'pledgeAppraised'],
  /** An activity session: the reminder the day before (members from the activity hub, secretaries as they plan). */
  activity: ['activityReminder'],
} as const satisfies Record<string, readonly TemplateKey[]>;

/** Whether this build can ask for subscribe messages (the weapp; H5 has none). */
export const canAskToBeTold = process.env.TARO_ENV === 'weapp';

/** The kinds whose template WeChat's answer marks accepted (`{ [templateId]: 'accept' | 'reject' | … }`). */
function acceptedKinds(flow: keyof typeof NOTICES, answer: Record<string, unknown>): SubscriptionKind[] {
  return NOTICES[flow].filter((key) => answer[settings.subscribeTemplates[key].id] === 'accept');
}

/**
 * Asks, on the user's tap, to be told about a flow by subscribe messages (订阅消息), and resolves once the user has
 * answered. WeChat only allows this from a tap, so call it before anything else the tap awaits; await it before
 * showing any other dialog (a confirmation on top of WeChat's own is one dialog too many). What they accepted is
 * reported to the cloud in the background (only then: the functions send a message only per acceptance reported);
 * refusing changes nothing else. Elsewhere than the weapp it does nothing.
 */
export async function askToBeTold(flow: keyof typeof NOTICES): Promise<void> {
  if (!canAskToBeTold) return;
  const answer = await requestSubscribeMessage({
    tmplIds: NOTICES[flow].map((key) => settings.subscribeTemplates[key].id),
    // Alipay's name for the same list; Taro's typing demands it, WeChat ignores it.
    entityIds: [],
  }).catch(() => null);
  const accepted = answer ? acceptedKinds(flow, answer as unknown as Record<string, unknown>) : [];
  // Not awaited: the tap's own action goes on at once; a report lost offline only means one notice fewer.
  if (accepted.length > 0) void userApi.reportSubscriptions({ accepted });
}
