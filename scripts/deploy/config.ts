import fs from 'node:fs';
import * as z from 'zod';
import { requestTimeLimitsSchema } from '@honglin/types/config';

/** The app id WeChat DevTools uses for a project without one (测试号): fine locally, never deployable. */
export const PLACEHOLDER_APP_ID = 'touristappid';
/** The environment id the repository ships with; the local cloud ignores it, the real cloud has no such env. */
export const PLACEHOLDER_CLOUD_ENV = 'honglin-local';
/** Template ids with this prefix are accepted by the local cloud's outbox only. */
export const LOCAL_TEMPLATE_PREFIX = 'local-';

/**
 * config/honglin.json: one town's deployment, committed, without secrets. Functions bundle it at build
 * time (cloudfunctions/common/config.ts), so every key other code reads is kept as it is; keys this
 * schema does not know are let through for the code that owns them.
 */
export const honglinConfigSchema = z.looseObject({
  $comment: z.string().optional(),
  appId: z.string(),
  cloudEnv: z.string(),
  /** The version QR codes and subscribe messages open: trial while the town tests, release once published. */
  miniProgramVersion: z.enum(['release', 'trial', 'develop']).optional(),
  town: z.looseObject({ name: z.string().min(1) }),
  firstTownAdmins: z.array(z.string().min(1)),
  /**
   * Template key used in code → the template chosen in the mini-program console (订阅消息): its id, and for each
   * field the code sends (subject, status, note, time, place) the template's keyword that carries it (thing1 …).
   */
  subscribeTemplates: z.record(
    z.string(),
    z.object({
      id: z.string(),
      fields: z.record(z.string(), z.string().regex(/^[a-z_]+\d+$/, '模板字段名形如 thing1、phrase2、time4')),
    }),
  ),
  requestTimeLimits: requestTimeLimitsSchema,
  /** Where WeChat's message pushes (消息推送, e.g. image check verdicts) are delivered. */
  messagePush: z.object({ function: z.string().min(1), events: z.array(z.string().min(1)) }).optional(),
});

export type HonglinConfig = z.infer<typeof honglinConfigSchema>;

/** Reads and checks a configuration file; throws a message naming the file and each bad key. */
export function readHonglinConfig(file: string): HonglinConfig {
  const parsed = honglinConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${file} 格式不对：\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A WeChat mini-program app id: wx followed by 16 hex digits. */
export const APP_ID_PATTERN = /^wx[0-9a-f]{16}$/;
/** An OPENID as WeChat issues them (28 characters of letters, digits, - and _). */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{28}$/;
