/** A client request id (types/common.ts requestIdSchema): a retried create makes one record. */
export function newRequestId(): string {
  return `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
