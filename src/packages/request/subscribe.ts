import { requestSubscribeMessage } from '@tarojs/taro';
import settings from '../../../config/honglin.json';

/**
 * Asks, on the resident's tap, to be told when their request is accepted, resolved or passed on (订阅消息).
 * WeChat only allows this from a tap; refusing it changes nothing else. The H5 build has no subscribe messages.
 */
export function askToBeTold(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const { requestAccepted, requestResolved, requestEscalated } = settings.subscribeTemplates;
  requestSubscribeMessage({
    tmplIds: [requestAccepted, requestResolved, requestEscalated],
    // Alipay's name for the same list; Taro's typing demands it, WeChat ignores it.
    entityIds: [],
  }).catch(() => undefined);
}
