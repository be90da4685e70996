/**
 * A client request id (types/common.ts requestIdSchema), made once per form or draft: a retried create with
 * the same id makes one record.
 */
export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
