import { isPlainObject } from './ejson';

/**
 * Order-preserving text keys for indexed fields, so SQLite indexes can prefilter and sort the way Mongo
 * compares values. Each key starts with its type bracket in Mongo's order (null < numbers < strings <
 * booleans < dates); a value SQLite cannot order like Mongo (array, object, regex, a path through an
 * array) gets the UNINDEXABLE key, which every prefilter lets through so mingo decides.
 */
export const UNINDEXABLE = '~';
const NULL = '1';
const NUMBER = '2';
const STRING = '3';
const BOOLEAN = '8';
const DATE = '9';

function orderedNumber(n: number): string {
  const buf = Buffer.alloc(8);
  buf.writeDoubleBE(n === 0 ? 0 : n);
  let bits = buf.readBigUInt64BE();
  bits = bits & (1n << 63n) ? ~bits & 0xffffffffffffffffn : bits | (1n << 63n);
  return bits.toString(16).padStart(16, '0');
}

/** The key of one value, or UNINDEXABLE. */
export function encodeKey(value: unknown): string {
  if (value === null || value === undefined) return NULL;
  if (typeof value === 'number') return Number.isNaN(value) ? UNINDEXABLE : NUMBER + orderedNumber(value);
  if (typeof value === 'string') return STRING + value;
  if (typeof value === 'boolean') return BOOLEAN + (value ? '1' : '0');
  if (value instanceof Date) return DATE + orderedNumber(value.getTime());
  return UNINDEXABLE;
}

/** The key of a dotted field path of a document (missing counts as null, like Mongo's sort and equality on null). */
export function fieldKey(doc: Record<string, unknown>, path: string): string {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) return UNINDEXABLE;
    if (!isPlainObject(current)) return NULL;
    current = current[part];
  }
  return encodeKey(current);
}

/** The smallest string above every key of the bracket `prefix`. */
function bracketEnd(prefix: string): string {
  return String.fromCharCode(prefix.charCodeAt(0) + 1);
}

export interface Prefilter {
  sql: string[];
  params: string[];
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k.startsWith('$'));
}

/**
 * Translates the parts of a query SQLite can answer from keys (equality, $in and ranges on indexed
 * fields, under implicit or explicit $and) into SQL conditions. The conditions only ever narrow to a
 * superset of the documents the whole query matches: anything else is left to mingo.
 */
export function prefilter(query: Record<string, unknown>, expr: (field: string) => string | undefined): Prefilter {
  const out: Prefilter = { sql: [], params: [] };
  const equality = (column: string, values: unknown[]): void => {
    const keys = values.map(encodeKey);
    if (keys.some((k) => k === UNINDEXABLE)) return;
    out.sql.push(`${column} IN (${keys.map(() => '?').join(', ')}, '${UNINDEXABLE}')`);
    out.params.push(...keys);
  };
  const visit = (q: Record<string, unknown>): void => {
    for (const [field, condition] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition) if (isPlainObject(part)) visit(part);
        continue;
      }
      if (field.startsWith('$')) continue;
      const column = expr(field);
      if (!column) continue;
      if (!isOperatorObject(condition)) {
        if (!(condition instanceof RegExp)) equality(column, [condition]);
        continue;
      }
      for (const [op, operand] of Object.entries(condition)) {
        if (op === '$eq') equality(column, [operand]);
        else if (
          op === '$in' &&
          Array.isArray(operand) &&
          operand.length > 0 &&
          !operand.some((v) => v instanceof RegExp)
        )
          equality(column, operand);
        else if (RANGE_OPS.has(op)) {
          const key = encodeKey(operand);
          if (key === UNINDEXABLE || key === NULL || key.startsWith(BOOLEAN)) continue;
          const bracket = key[0];
          const bound =
            op === '$gt' || op === '$gte'
              ? `${column} ${op === '$gt' ? '>' : '>='} ? AND ${column} < ?`
              : `${column} ${op === '$lt' ? '<' : '<='} ? AND ${column} >= ?`;
          out.sql.push(`((${bound}) OR ${column} = '${UNINDEXABLE}')`);
          out.params.push(key, op === '$gt' || op === '$gte' ? bracketEnd(bracket) : bracket);
        }
      }
    }
  };
  visit(query);
  return out;
}
