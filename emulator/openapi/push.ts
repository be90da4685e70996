import fs from 'node:fs';
import type { MediaCheckRecord } from './records';

/** Where WeChat's message pushes (消息推送) go: one function, for the listed events (config/honglin.json `messagePush`). */
export interface MessagePushConfig {
  function: string;
  events: string[];
}

/** The `messagePush` of an app configuration file, or null when it has none. */
export function readMessagePushConfig(file: string): MessagePushConfig | null {
  if (!fs.existsSync(file)) return null;
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { messagePush?: Partial<MessagePushConfig> };
  const push = config.messagePush;
  if (!push || typeof push.function !== 'string' || !Array.isArray(push.events)) return null;
  return { function: push.function, events: push.events.map(String) };
}

/** The push WeChat sends with an image check's verdict (event wxa_media_check, version 2). */
export function mediaCheckPushEvent(record: MediaCheckRecord, appid: string): Record<string, unknown> {
  return {
    ToUserName: 'gh_local',
    FromUserName: record.openid,
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid,
    trace_id: record.traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: record.suggest, label: record.label, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: record.suggest, label: record.label },
  };
}
