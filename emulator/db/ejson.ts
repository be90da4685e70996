import { BSONRegExp, EJSON } from 'bson';

/** A stored document: plain JS values (numbers, strings, booleans, null, Date, RegExp, arrays, objects). */
export type Doc = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp)
  );
}

function toJsRegExp(re: BSONRegExp): RegExp {
  return new RegExp(re.pattern, re.options.replace(/[^imsu]/g, ''));
}

function normalize(value: unknown, now: number): unknown {
  if (value instanceof BSONRegExp) return toJsRegExp(value);
  if (Array.isArray(value)) return value.map((v) => normalize(v, now));
  if (isPlainObject(value)) {
    const serverDate = value.$tcb_server_date as { offset?: unknown } | undefined;
    if (serverDate !== undefined && Object.keys(value).length === 1) {
      return new Date(now + Number(serverDate.offset ?? 0));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v, now);
    return out;
  }
  return value;
}

/**
 * Decodes canonical Extended JSON from the wire into plain JS values: numbers as numbers, dates as Date,
 * regular expressions as RegExp, and `{$tcb_server_date:{offset}}` as the server's now + offset.
 */
export function decode(text: string, now = Date.now()): unknown {
  return normalize(EJSON.parse(text, { relaxed: true }), now);
}

export function decodeDoc(text: string, now = Date.now()): Doc {
  const value = decode(text, now);
  if (!isPlainObject(value)) throw new Error('expected a document');
  return value;
}

/** Canonical Extended JSON, as the SDK expects in answers and as documents are stored. */
export function encode(value: unknown): string {
  return EJSON.stringify(value, { relaxed: false });
}

export { isPlainObject };
