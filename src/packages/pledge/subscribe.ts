import { requestSubscribeMessage } from '@tarojs/taro';
import settings from '../../../config/honglin.json';

/**
 * Asks, on the member's tap (提交审核, 标记完成), to be told when the branch approves or returns the pledge and when
 * it appraises it (订阅消息). WeChat only allows this from a tap; refusing changes nothing else. H5 has none.
 */
export function askForPledgeNotices(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const { pledgeReviewed, pledgeAppraised } = settings.subscribeTemplates;
  requestSubscribeMessage({
    tmplIds: [pledgeReviewed, pledgeAppraised],
    // Alipay's name for the same list; Taro's typing demands it, WeChat ignores it.
    entityIds: [],
  }).catch(() => undefined);
}
