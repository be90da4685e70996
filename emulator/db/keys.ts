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

/**
 * The keys a multikey index holds for a field whose key is UNINDEXABLE, as the cloud's multikey indexes
 * do: a path is followed through arrays (each element of an array on the way, Mongo's implicit traversal),
 * and an array at the end gives each element's key. Anything whose matching this does not model gives
 * UNINDEXABLE among the keys, so every prefilter lets it through and mingo decides: an element that is
 * itself an array or object, an empty array, a numeric path part (Mongo's positional `a.0`). A path that
 * stops at a missing field or a scalar on the way gives the null key, since `{ 'a.b': null }` matches it.
 */
export function multikeys(doc: Record<string, unknown>, path: string): Set<string> {
  const out = new Set<string>();
  const visit = (value: unknown, parts: string[]): void => {
    if (parts.length === 0) {
      if (!Array.isArray(value)) out.add(encodeKey(value));
      else if (value.length === 0) out.add(UNINDEXABLE);
      else for (const element of value) out.add(encodeKey(element));
      return;
    }
    const [part, ...rest] = parts;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part) || value.length === 0) out.add(UNINDEXABLE);
      for (const element of value) {
        if (Array.isArray(element)) out.add(UNINDEXABLE);
        else visit(element, parts);
      }
      return;
    }
    if (!isPlainObject(value)) {
      out.add(NULL);
      return;
    }
    visit(value[part], rest);
  };
  visit(doc, path.split('.'));
  return out;
}

/** The smallest string above every key of the bracket `prefix`. */
function bracketEnd(prefix: string): string {
  return String.fromCharCode(prefix.charCodeAt(0) + 1);
}

/** One SQL condition on a key column. */
export interface Condition {
  field: string;
  column: string;
  /** Holds exactly for the documents whose key in `column` is indexable and that meet the query's condition. */
  strict: string;
  /** `strict`, or the key is UNINDEXABLE (and, for a field with multikeys, one of them may meet the condition): mingo decides. */
  loose: string;
  params: string[];
  looseParams: string[];
  /** Whether `loose` looks the keys up among the field's multikeys. */
  multikey: boolean;
}

/** How a field's multikeys are looked up (see prefilter()). */
export interface Multikey {
  /** The SQL condition that one of the document's multikeys in the field is in `keys` (an SQL list). */
  sql: (keys: string) => string;
  /** Every document's key in the field is UNINDEXABLE: its multikeys alone decide. */
  only: boolean;
}

export interface Prefilter {
  conditions: Condition[];
  /**
   * Whether the conditions are the whole query: for a document whose keys in the conditions' columns are all
   * indexable, the strict conditions alone decide whether it matches.
   */
  exact: boolean;
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k.startsWith('$'));
}

/**
 * Translates the parts of a query SQLite can answer from keys (equality, $in, $all and ranges on indexed
 * fields, under implicit or explicit $and) into SQL conditions. `multikey(field)` gives, for a field some
 * document holds an array in, the SQL condition that one of its multikeys is in a list of keys: equality,
 * $in and $all then let through only the UNINDEXABLE documents one of whose multikeys is asked for (or
 * UNINDEXABLE). An $or whose every branch narrows becomes the OR of its branches' conditions. The loose conditions only ever narrow to a superset of the documents the whole query
 * matches: anything else is left to mingo, and then the prefilter is not exact.
 */
export function prefilter(
  query: Record<string, unknown>,
  expr: (field: string) => string | undefined,
  multikey: (field: string) => Multikey | undefined = () => undefined,
): Prefilter {
  const out: Prefilter = { conditions: [], exact: true };
  const equality = (field: string, column: string, values: unknown[]): void => {
    const keys = values.map(encodeKey);
    if (keys.some((k) => k === UNINDEXABLE)) {
      out.exact = false;
      return;
    }
    const marks = keys.map(() => '?').join(', ');
    const strict = `${column} IN (${marks})`;
    const elements = multikey(field);
    out.conditions.push({
      field,
      column,
      strict,
      loose: !elements
        ? `${column} IN (${marks}, '${UNINDEXABLE}')`
        : elements.only
          ? elements.sql(`${marks}, '${UNINDEXABLE}'`)
          : `(${strict} OR ${elements.sql(`${marks}, '${UNINDEXABLE}'`)})`,
      params: keys,
      looseParams: !elements ? keys : elements.only ? keys : [...keys, ...keys],
      multikey: elements !== undefined,
    });
  };
  const range = (field: string, column: string, op: string, operand: unknown): void => {
    const key = encodeKey(operand);
    if (key === UNINDEXABLE || key === NULL || key.startsWith(BOOLEAN)) {
      out.exact = false;
      return;
    }
    const bracket = key[0];
    const above = op === '$gt' || op === '$gte';
    const strict = above
      ? `${column} ${op === '$gt' ? '>' : '>='} ? AND ${column} < ?`
      : `${column} ${op === '$lt' ? '<' : '<='} ? AND ${column} >= ?`;
    out.conditions.push({
      field,
      column,
      strict: `(${strict})`,
      loose: `((${strict}) OR ${column} = '${UNINDEXABLE}')`,
      params: [key, above ? bracketEnd(bracket) : bracket],
      looseParams: [key, above ? bracketEnd(bracket) : bracket],
      multikey: false,
    });
  };
  // A document matching $or meets one branch's conditions: the OR of each branch's loose conditions is a superset
  // when every branch narrows. mingo decides the rest, so the prefilter is no longer exact.
  const either = (branches: unknown[]): void => {
    out.exact = false;
    const filters = branches.map((b) => (isPlainObject(b) ? prefilter(b, expr, multikey) : undefined));
    if (filters.length === 0 || filters.some((f) => !f || f.conditions.length === 0)) return;
    const sql = `((${filters.map((f) => f?.conditions.map((c) => c.loose).join(' AND ')).join(') OR (')}))`;
    const params = filters.flatMap((f) => f?.conditions.flatMap((c) => c.looseParams) ?? []);
    out.conditions.push({
      field: '$or',
      column: '',
      strict: sql,
      loose: sql,
      params,
      looseParams: params,
      multikey: false,
    });
  };
  const visit = (q: Record<string, unknown>): void => {
    for (const [field, condition] of Object.entries(q)) {
      if (field === '$or' && Array.isArray(condition)) {
        either(condition);
        continue;
      }
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition) {
          if (isPlainObject(part)) visit(part);
          else out.exact = false;
        }
        continue;
      }
      const column = field.startsWith('$') ? undefined : expr(field);
      if (!column) {
        out.exact = false;
        continue;
      }
      if (!isOperatorObject(condition)) {
        if (condition instanceof RegExp) out.exact = false;
        else equality(field, column, [condition]);
        continue;
      }
      for (const [op, operand] of Object.entries(condition)) {
        if (op === '$eq') equality(field, column, [operand]);
        else if (
          op === '$in' &&
          Array.isArray(operand) &&
          operand.length > 0 &&
          !operand.some((v) => v instanceof RegExp)
        )
          equality(field, column, operand);
        else if (op === '$all' && Array.isArray(operand) && operand.length > 0) {
          // Each element must be matched (an element of the array, or the value itself): one equality each.
          // mingo decides the rest ($all of arrays, $elemMatch), so the prefilter is never exact.
          out.exact = false;
          for (const value of operand) equality(field, column, [value]);
        } else if (RANGE_OPS.has(op)) range(field, column, op, operand);
        else out.exact = false;
      }
    }
  };
  visit(query);
  // SQLite, without statistics, takes an equality on any index for as selective as the multikey lookup, and
  // would walk a scalar field shared by most documents (`subject = 'request'`) rather than the documents
  // holding the element. As the cloud's planner does with a multikey index, the element drives: the other
  // conditions (but `_id`) are checked on its candidates, their index columns disabled with SQLite's unary `+`.
  if (out.conditions.some((c) => c.multikey))
    for (const c of out.conditions)
      if (!c.multikey && c.column !== 'id' && c.field !== '$or') c.loose = c.loose.split(c.column).join(`+${c.column}`);
  return out;
}
