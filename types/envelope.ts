/** Every error code a client can receive (DESIGN.md §6). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'CONTENT_REJECTED',
  'RATE_LIMITED',
  'INTERNAL',
  /** Not a server answer: the transport could not reach the cloud. */
  'NETWORK',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * The details of a CONFLICT that lost every re-run of its transaction to concurrent writers (a hall checking in at
 * once): nothing was written, and the same call may simply be made again.
 */
export const RETRY_DETAILS = { retry: true } as const;

/** Whether an error says the same call may be made again (see RETRY_DETAILS). */
export function mayRetry(error: ApiError): boolean {
  const details = error.details as { retry?: unknown } | undefined;
  return error.code === 'CONFLICT' && details?.retry === true;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * Reads a function's answer as an envelope: `undefined` unless it is `{ ok: true, data }` or
 * `{ ok: false, error: { code, message, details? } }` with a known code. Plain code rather than a zod schema:
 * the client reads every answer with it and carries no zod (docs/PERFORMANCE.md).
 */
export function readEnvelope(answer: unknown): Envelope<unknown> | undefined {
  if (!isRecord(answer)) return undefined;
  if (answer.ok === true) return { ok: true, data: answer.data };
  if (answer.ok !== false || !isRecord(answer.error)) return undefined;
  const { code, message, details } = answer.error;
  if (!(ERROR_CODES as readonly unknown[]).includes(code) || typeof message !== 'string') return undefined;
  return { ok: false, error: { code: code as ErrorCode, message, ...(details === undefined ? {} : { details }) } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The default Chinese message of each code, used when an error brings none of its own. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '未能识别您的微信身份，请重新进入小程序',
  FORBIDDEN: '您没有权限进行此操作',
  INVALID_ARGUMENT: '填写的内容有误，请检查后重试',
  NOT_FOUND: '要找的内容不存在或已被删除',
  CONFLICT: '状态已变化，请刷新后重试',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务暂时出了点问题，请稍后再试',
  NETWORK: '网络不通，请检查网络后重试',
};
