import { cloud } from './cloud';
import { config, type SubscribeTemplate } from './config';

/** Subscribe-message data: WeChat's `{ key: { value } }` shape, values already cut to the template's limits. */
export type MessageData = Record<string, { value: string }>;

/**
 * Sends a subscribe message (订阅消息). The person agreed on a tap in the app; when they did not, WeChat
 * refuses the send, and that refusal must never fail the action that triggered it.
 */
export async function notify(
  touser: string,
  template: SubscribeTemplate,
  page: string,
  data: MessageData,
): Promise<boolean> {
  const templateId = config.subscribeTemplates[template];
  if (!templateId || !touser) return false;
  try {
    await cloud.openapi.subscribeMessage.send({ touser, templateId, page, data, miniprogramState: 'formal' });
    return true;
  } catch (error) {
    console.warn(`[notify] ${template} to ${touser} not sent`, (error as { errCode?: number }).errCode ?? error);
    return false;
  }
}
