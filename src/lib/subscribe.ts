import { requestSubscribeMessage } from '@tarojs/taro';
import settings from '../../config/honglin.json';

type TemplateKey = keyof typeof settings.subscribeTemplates;

/** What each flow asks to be told about, by the template keys of config/honglin.json (the cloud's notify() keys). */
const NOTICES = {
  /** A resident's request: accepted, resolved, passed on. */
  request: ['requestAccepted', 'requestResolved', 'requestEscalated'],
  /** A member's pledge: approved or returned by the branch, appraised. */
  pledge: ['pledgeReviewed', 'pledgeAppraised'],
  /** An activity session: the reminder the day before. */
  activity: ['activityReminder'],
} as const satisfies Record<string, readonly TemplateKey[]>;

/** Whether this build can ask for subscribe messages (the weapp; H5 has none). */
export const canAskToBeTold = process.env.TARO_ENV === 'weapp';

/**
 * Asks, on the user's tap, to be told about a flow by subscribe messages (订阅消息). WeChat only allows this from a
 * tap; refusing changes nothing else. Elsewhere than the weapp it does nothing.
 */
export function askToBeTold(flow: keyof typeof NOTICES): void {
  if (!canAskToBeTold) return;
  requestSubscribeMessage({
    tmplIds: NOTICES[flow].map((key) => settings.subscribeTemplates[key].id),
    // Alipay's name for the same list; Taro's typing demands it, WeChat ignores it.
    entityIds: [],
  }).catch(() => undefined);
}
