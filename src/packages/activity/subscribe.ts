import { requestSubscribeMessage } from '@tarojs/taro';
import settings from '../../../config/honglin.json';

/** Whether this build can ask for subscribe messages (the weapp; H5 has none). */
export const canAskForReminders = process.env.TARO_ENV === 'weapp';

/**
 * Asks, on the member's tap, to be reminded the day before each session (订阅消息 activityReminder). WeChat only
 * allows this from a tap; refusing changes nothing else.
 */
export function askForActivityReminder(): void {
  if (!canAskForReminders) return;
  requestSubscribeMessage({
    tmplIds: [settings.subscribeTemplates.activityReminder],
    // Alipay's name for the same list; Taro's typing demands it, WeChat ignores it.
    entityIds: [],
  }).catch(() => undefined);
}
