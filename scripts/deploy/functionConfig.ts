import * as z from 'zod';
import { parseCron } from '../../emulator/functions/cron';

/** The cloud's longest function timeout in seconds (云函数超时时间上限). */
export const MAX_TIMEOUT_SECONDS = 60;

export const timerTriggerSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, '触发器名须以字母开头，只含字母、数字、下划线和短横线'),
  type: z.literal('timer'),
  config: z.string(),
});

/** A function's config.json as WeChat cloud development reads it. */
export const functionConfigSchema = z.looseObject({
  permissions: z.object({ openapi: z.array(z.string()).default([]) }).optional(),
  timeout: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS).optional(),
  triggers: z.array(timerTriggerSchema).optional(),
});

export type TimerTrigger = z.infer<typeof timerTriggerSchema>;
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

/**
 * Why a timer trigger's cron would be refused by the cloud, or null when it is valid. The cloud's cron has
 * seven fields, seconds first: `sec min hour day month weekday year`.
 */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7)
    return `定时触发器的 cron 须有 7 个字段（秒 分 时 日 月 星期 年），这里有 ${fields.length} 个`;
  try {
    parseCron(expression);
    return null;
  } catch (error) {
    return `cron 写法不对：${(error as Error).message}`;
  }
}
