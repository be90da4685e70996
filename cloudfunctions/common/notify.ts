import { cloud } from './cloud';
import { config, type SubscribeTemplate } from './config';
import { messageState } from './miniProgramVersion';
import { spendSubscription } from './subscriptions';

/** Subscribe-message data: WeChat's `{ keyword: { value } }` shape. */
export type MessageData = Record<string, { value: string }>;

/** WeChat's length limit of a value by its keyword's type (thing1 → thing); a time or date passes as it is. */
const LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  symbol: 5,
  character_string: 32,
  letter: 32,
  number: 32,
  phone_number: 17,
  car_number: 8,
};

function fit(keyword: string, value: string): string {
  const limit = LIMITS[keyword.replace(/\d+$/, '')];
  if (limit === undefined || value.length <= limit) return value;
  return keyword.startsWith('thing') ? `${value.slice(0, limit - 1)}…` : value.slice(0, limit);
}

/**
 * The message data of a template: each value the code sends (by its own field name: subject, status, note, time,
 * place) under the keyword the town's template gives that field (config/honglin.json `subscribeTemplates.<key>.fields`),
 * cut to the keyword type's limit. A field the configuration does not map is named in the answer instead.
 */
export function messageData(
  fields: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): { ok: true; data: MessageData } | { ok: false; unmapped: string } {
  const data: MessageData = {};
  for (const [field, value] of Object.entries(values)) {
    const keyword = fields[field];
    if (!keyword) return { ok: false, unmapped: field };
    data[keyword] = { value: fit(keyword, value) };
  }
  return { ok: true, data };
}

/**
 * Sends a subscribe message (订阅消息), only while the person has an accepted subscription of that kind left
 * (user.reportSubscriptions), spending one: nobody is sent a message they did not ask for in a tap. A refusal by
 * WeChat must never fail the action that triggered it.
 */
export async function notify(
  touser: string,
  template: SubscribeTemplate,
  page: string,
  values: Record<string, string>,
): Promise<boolean> {
  const { id: templateId, fields } = config.subscribeTemplates[template];
  if (!templateId || !touser) return false;
  const message = messageData(fields, values);
  if (!message.ok) {
    console.warn(
      `[notify] ${template}: subscribeTemplates.${template}.fields has no keyword for “${message.unmapped}”`,
    );
    return false;
  }
  if (!(await spendSubscription(touser, template))) return false;
  try {
    await cloud.openapi.subscribeMessage.send({
      touser,
      templateId,
      page,
      data: message.data,
      miniprogramState: messageState,
    });
    return true;
  } catch (error) {
    console.warn(`[notify] ${template} to ${touser} not sent`, (error as { errCode?: number }).errCode ?? error);
    return false;
  }
}
