import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Query, find as mingoFind } from 'mingo';
import { Context } from 'mingo';
import type { IndexDeclaration } from './declaration';
import { decodeDoc, encode, type Doc } from './ejson';
import { duplicateKey } from './errors';
import { distanceTo, findNearSphere, geoQueryOperators } from './geo';
import { UNINDEXABLE, encodeKey, fieldKey, multikeys, prefilter, type Multikey, type Prefilter } from './keys';

/** mingo with the geo operators it lacks. */
export const mingoContext = Context.init().addQueryOps(geoQueryOperators as never);
export const mingoOptions = { context: mingoContext };

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  order?: SortSpec;
  offset?: number;
  limit?: number;
}

/** One document's new state: `after` null deletes it. `before` is its encoded state as read, or null if absent. */
export interface Change {
  collection: string;
  id: unknown;
  before: string | null;
  after: Doc | null;
}

interface CollectionState {
  table: string;
  /** The multikey table: (field, key, id) for each indexed field whose key in document `id` is UNINDEXABLE. */
  multikeys: string;
  fields: string[];
  /** How many documents the collection holds. */
  rows: number;
  /** Per indexed field and `_id`, how many documents have an UNINDEXABLE key (then SQL cannot sort or count on it). */
  unindexable: Map<string, number>;
  statements: {
    get: Database.Statement;
    insert: Database.Statement;
    update: Database.Statement;
    remove: Database.Statement;
    removeMultikeys: Database.Statement;
    insertMultikey: Database.Statement;
  };
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const keyExpr = (field: string): string => `json_extract(keys, '$."${field}"')`;
/** Values per `$in` of lookupCandidates(). */
const IN_CHUNK = 500;

/** The key column of a field: `id` for `_id`, the key expression of an indexed field, else none. */
function columnOf(state: CollectionState, field: string): string | undefined {
  return field === '_id' ? 'id' : state.fields.includes(field) ? keyExpr(field) : undefined;
}

/**
 * The multikey condition of an indexed field while some document holds an UNINDEXABLE key in it (an array):
 * the document has one of the listed keys among its multikeys. Field names are checked by readDeclaration.
 */
function multikeyOf(state: CollectionState, field: string): Multikey | undefined {
  const unindexable = state.unindexable.get(field) ?? 0;
  if (field === '_id' || !state.fields.includes(field) || unindexable === 0) return undefined;
  return {
    sql: (keys) => `id IN (SELECT id FROM ${state.multikeys} WHERE field = '${field}' AND key IN (${keys}))`,
    only: unindexable === state.rows,
  };
}

/** The SQL conditions of a prefilter that every matching document meets. */
function loose(filter: Prefilter): { sql: string[]; params: string[] } {
  return { sql: filter.conditions.map((c) => c.loose), params: filter.conditions.flatMap((c) => c.looseParams) };
}

/**
 * The durable document store: one SQLite table per collection (id key, canonical EJSON document, and a
 * JSON object of order-preserving keys of the indexed fields, indexed by expression), and beside it a
 * multikey table holding, for an indexed field that is an array in a document, its elements' keys (the
 * cloud's multikey indexes: equality, `$in` and `$all` on an element are index lookups). WAL with
 * synchronous=FULL: a write is on disk before the request that made it is answered.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, CollectionState>();
  /** Documents read from storage since open (tests and benchmarks check what a request reads). */
  documentsRead = 0;
  /** Called with each document's previous state right after a change is written (transactions keep snapshots with it). */
  onChanged: (collection: string, id: unknown, before: string | null) => void = () => {};

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'database.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, fields TEXT NOT NULL)');
    const rows = this.db.prepare('SELECT name, fields FROM collections').all() as { name: string; fields: string }[];
    for (const row of rows) this.attach(row.name, JSON.parse(row.fields) as string[]);
  }

  close(): void {
    this.db.close();
  }

  has(collection: string): boolean {
    return this.collections.has(collection);
  }

  /** Creates the collection if needed and makes its indexes exactly the declared ones. */
  declare(collection: string, indexes: IndexDeclaration[]): void {
    const fields = [...new Set(indexes.flatMap((i) => i.keys.map((k) => k.field)))].sort();
    const existing = this.collections.get(collection);
    const table = quote(`c:${collection}`);
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, keys TEXT NOT NULL)`);
      this.db
        .prepare(
          'INSERT INTO collections (name, fields) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET fields = excluded.fields',
        )
        .run(collection, JSON.stringify(fields));
      const prefix = `ix:${collection}:`;
      const wanted = new Set<string>();
      for (const index of indexes) {
        const columns = index.keys.map((k) => `${keyExpr(k.field)} ${k.direction === -1 ? 'DESC' : 'ASC'}`).join(', ');
        wanted.add(prefix + index.name);
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${quote(prefix + index.name)} ON ${table} (${columns})`);
        if (index.unique) {
          const notArray = index.keys.map((k) => `${keyExpr(k.field)} <> '${UNINDEXABLE}'`).join(' AND ');
          wanted.add(`${prefix}${index.name}:unique`);
          this.db.exec(
            `CREATE UNIQUE INDEX IF NOT EXISTS ${quote(`${prefix}${index.name}:unique`)} ON ${table} (${columns}) WHERE ${notArray}`,
          );
        }
      }
      const present = this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
        .all(`c:${collection}`) as { name: string }[];
      for (const { name } of present)
        if (name.startsWith(prefix) && !wanted.has(name)) this.db.exec(`DROP INDEX ${quote(name)}`);
      const multikeys = this.createMultikeys(collection);
      if (existing && existing.fields.join('\n') !== fields.join('\n')) {
        const update = this.db.prepare(`UPDATE ${table} SET keys = ? WHERE id = ?`);
        for (const row of this.db.prepare(`SELECT id, doc FROM ${table}`).all() as { id: string; doc: string }[]) {
          update.run(JSON.stringify(keysOf(decodeDoc(row.doc), fields)), row.id);
        }
        this.db.exec(`DELETE FROM ${multikeys}`);
        this.fillMultikeys(collection, fields);
      }
    })();
    this.attach(collection, fields);
  }

  /** Creates the collection's multikey table if missing (a store from before it had none): then fills it. */
  private createMultikeys(collection: string): string {
    const name = quote(`m:${collection}`);
    const exists = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(`m:${collection}`);
    if (exists) return name;
    this.db.exec(
      `CREATE TABLE ${name} (field TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (field, key, id)) WITHOUT ROWID`,
    );
    this.db.exec(`CREATE INDEX ${quote(`m:${collection}:id`)} ON ${name} (id)`);
    const row = this.db.prepare('SELECT fields FROM collections WHERE name = ?').get(collection) as
      { fields: string } | undefined;
    if (row) this.fillMultikeys(collection, JSON.parse(row.fields) as string[]);
    return name;
  }

  private fillMultikeys(collection: string, fields: string[]): void {
    const table = quote(`c:${collection}`);
    const insert = this.db.prepare(`INSERT INTO ${quote(`m:${collection}`)} (field, key, id) VALUES (?, ?, ?)`);
    const unindexable = fields.map((f) => `${keyExpr(f)} = '${UNINDEXABLE}'`).join(' OR ');
    if (!unindexable) return;
    for (const row of this.db.prepare(`SELECT id, doc FROM ${table} WHERE ${unindexable}`).all() as {
      id: string;
      doc: string;
    }[]) {
      for (const [field, key] of multikeyRows(decodeDoc(row.doc), fields)) insert.run(field, key, row.id);
    }
  }

  private attach(collection: string, fields: string[]): void {
    const table = quote(`c:${collection}`);
    const multikeys = this.db.transaction(() => this.createMultikeys(collection))();
    const unindexable = new Map<string, number>();
    for (const field of ['_id', ...fields]) {
      const { n } = this.db
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE ${field === '_id' ? 'id' : keyExpr(field)} = ?`)
        .get(UNINDEXABLE) as { n: number };
      unindexable.set(field, n);
    }
    const { rows } = this.db.prepare(`SELECT count(*) AS rows FROM ${table}`).get() as { rows: number };
    this.collections.set(collection, {
      table,
      multikeys,
      rows,
      fields,
      unindexable,
      statements: {
        get: this.db.prepare(`SELECT doc FROM ${table} WHERE id = ?`),
        insert: this.db.prepare(`INSERT INTO ${table} (id, doc, keys) VALUES (?, ?, ?)`),
        update: this.db.prepare(`UPDATE ${table} SET doc = ?, keys = ? WHERE id = ?`),
        remove: this.db.prepare(`DELETE FROM ${table} WHERE id = ?`),
        removeMultikeys: this.db.prepare(`DELETE FROM ${multikeys} WHERE id = ?`),
        insertMultikey: this.db.prepare(`INSERT INTO ${multikeys} (field, key, id) VALUES (?, ?, ?)`),
      },
    });
  }

  private state(collection: string): CollectionState {
    const state = this.collections.get(collection);
    if (!state) throw new Error(`collection ${collection} is not open`);
    return state;
  }

  /** The encoded document with this _id, or null. */
  getEncoded(collection: string, id: unknown): string | null {
    const row = this.state(collection).statements.get.get(encodeKey(id)) as { doc: string } | undefined;
    if (!row) return null;
    this.documentsRead += 1;
    return row.doc;
  }

  /** The prefilter of a query on a collection: its indexed fields and `_id` are key columns. */
  private prefilter(state: CollectionState, query: Record<string, unknown>): Prefilter {
    return prefilter(
      query,
      (field) => columnOf(state, field),
      (field) => multikeyOf(state, field),
    );
  }

  /** Rows meeting the SQL `conditions` (in `orderBy`), decoded, that mingo matches with `matcher`. */
  private *matching(
    state: CollectionState,
    conditions: { sql: string[]; params: string[] },
    matcher: Query,
    orderBy = '',
  ): Generator<{ rowid: number; doc: Doc }> {
    const where = conditions.sql.length ? `WHERE ${conditions.sql.join(' AND ')}` : '';
    for (const row of this.db
      .prepare(`SELECT rowid, doc FROM ${state.table} ${where} ${orderBy}`)
      .iterate(...conditions.params) as Iterable<{ rowid: number; doc: string }>) {
      this.documentsRead += 1;
      const doc = decodeDoc(row.doc);
      if (matcher.test(doc)) yield { rowid: row.rowid, doc };
    }
  }

  /**
   * Documents matching `query` in the requested order, skipping `offset`, at most `limit`. Indexed
   * equality/range parts and an order on indexed fields run in SQLite; mingo checks every candidate.
   */
  find(collection: string, query: Record<string, unknown>, options: FindOptions = {}): Doc[] {
    const state = this.state(collection);
    const filter = this.prefilter(state, query);
    const matcher = new Query(query, mingoOptions);
    const offset = options.offset ?? 0;
    const limit = options.limit ?? Infinity;
    const near = findNearSphere(query);
    const order = Object.entries(options.order ?? {});
    const sqlOrder =
      near === undefined &&
      order.every(([field]) => columnOf(state, field) !== undefined && (state.unindexable.get(field) ?? 0) === 0);

    if (sqlOrder) {
      const orderBy = order.length
        ? `ORDER BY ${order.map(([field, dir]) => `${columnOf(state, field)} ${dir === -1 ? 'DESC' : 'ASC'}`).join(', ')}`
        : '';
      const out: Doc[] = [];
      let skipped = 0;
      for (const { doc } of this.matching(state, loose(filter), matcher, orderBy)) {
        if (skipped < offset) {
          skipped += 1;
          continue;
        }
        if (out.length >= limit) break;
        out.push(doc);
      }
      return out;
    }

    let docs = [...this.matching(state, loose(filter), matcher)].map((m) => m.doc);
    if (order.length)
      docs = mingoFind(docs, {}, undefined, mingoOptions).sort(Object.fromEntries(order)).all() as Doc[];
    else if (near) {
      const distance = new Map(docs.map((d) => [d, distanceTo(d, near.field, near.near.center)]));
      docs.sort((a, b) => (distance.get(a) ?? 0) - (distance.get(b) ?? 0));
    }
    return docs.slice(offset, limit === Infinity ? undefined : offset + limit);
  }

  /**
   * How many documents match `query`. When the prefilter is the whole query, SQLite counts the documents
   * whose keys in the query's columns are all indexable, without reading them; mingo tests only those
   * with an UNINDEXABLE key there. Otherwise it counts what find() returns.
   */
  count(collection: string, query: Record<string, unknown>): number {
    const state = this.state(collection);
    const filter = this.prefilter(state, query);
    if (!filter.exact) return this.find(collection, query).length;
    const where = filter.conditions.length ? `WHERE ${filter.conditions.map((c) => c.strict).join(' AND ')}` : '';
    const params = filter.conditions.flatMap((c) => c.params);
    const { n } = this.db.prepare(`SELECT count(*) AS n FROM ${state.table} ${where}`).get(...params) as { n: number };
    const unindexable = [
      ...new Set(filter.conditions.filter((c) => (state.unindexable.get(c.field) ?? 0) > 0).map((c) => c.column)),
    ];
    if (unindexable.length === 0) return n;
    const candidates = loose(filter);
    const rest = {
      sql: [...candidates.sql, `(${unindexable.map((c) => `${c} = '${UNINDEXABLE}'`).join(' OR ')})`],
      params: candidates.params,
    };
    return n + [...this.matching(state, rest, new Query(query, mingoOptions))].length;
  }

  /**
   * The documents an equality `$lookup` on `field` can join for these local values, in storage order as
   * all() gives them: on `_id` or an indexed field, those whose `field` is one of `values` (Mongo's `$in`,
   * asked in chunks so each stays an index lookup); on any other field, all of them (a scan either way).
   */
  lookupCandidates(collection: string, field: string, values: unknown[]): Doc[] {
    const state = this.state(collection);
    if (columnOf(state, field) === undefined) return this.all(collection);
    const found = new Map<number, Doc>();
    for (let i = 0; i < values.length; i += IN_CHUNK) {
      const query = { [field]: { $in: values.slice(i, i + IN_CHUNK) } };
      const filter = this.prefilter(state, query);
      for (const { rowid, doc } of this.matching(state, loose(filter), new Query(query, mingoOptions)))
        found.set(rowid, doc);
    }
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, doc]) => doc);
  }

  /** Every document of a collection, in storage order. */
  all(collection: string): Doc[] {
    return this.find(collection, {});
  }

  /** Writes the changes atomically (one SQLite transaction); a unique index violation writes nothing. */
  apply(changes: Change[]): void {
    if (changes.length === 0) return;
    const run = this.db.transaction(() => {
      for (const change of changes) {
        const state = this.state(change.collection);
        const id = encodeKey(change.id);
        if (change.before !== null) state.statements.removeMultikeys.run(id);
        if (change.after === null) {
          state.statements.remove.run(id);
          continue;
        }
        const keys = keysOf(change.after, state.fields);
        if (change.before === null) state.statements.insert.run(id, encode(change.after), JSON.stringify(keys));
        else state.statements.update.run(encode(change.after), JSON.stringify(keys), id);
        for (const [field, key] of multikeyRows(change.after, state.fields, keys))
          state.statements.insertMultikey.run(field, key, id);
      }
    });
    try {
      run();
    } catch (e) {
      const error = e as { code?: string; message: string };
      if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateKey(changes[0].collection, '_id_');
      if (error.code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw duplicateKey(changes[0].collection, error.message.replace(/^.*ix:[^:]*:([^:]*):unique.*$/, '$1'));
      throw e;
    }
    for (const change of changes) {
      const state = this.state(change.collection);
      const id = encodeKey(change.id);
      const before: Record<string, string> | undefined =
        change.before === null ? undefined : { _id: id, ...keysOf(decodeDoc(change.before), state.fields) };
      const after: Record<string, string> | undefined =
        change.after === null ? undefined : { _id: id, ...keysOf(change.after, state.fields) };
      state.rows += (change.after === null ? 0 : 1) - (change.before === null ? 0 : 1);
      for (const field of ['_id', ...state.fields]) {
        const delta = (after?.[field] === UNINDEXABLE ? 1 : 0) - (before?.[field] === UNINDEXABLE ? 1 : 0);
        if (delta) state.unindexable.set(field, (state.unindexable.get(field) ?? 0) + delta);
      }
      this.onChanged(change.collection, change.id, change.before);
    }
  }
}

function keysOf(doc: Doc, fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, fieldKey(doc, f)]));
}

/** The multikey table's (field, key) rows of a document: its multikeys in each field whose key is UNINDEXABLE. */
function multikeyRows(doc: Doc, fields: string[], keys = keysOf(doc, fields)): [string, string][] {
  return fields
    .filter((f) => keys[f] === UNINDEXABLE)
    .flatMap((f) => [...multikeys(doc, f)].map((k): [string, string] => [f, k]));
}
