/**
 * The local cloud's database: answers every `database.*` action of the wire protocol (TCB_WIRE.md)
 * from a durable SQLite store, with mingo for queries, updates and aggregation, the cloud's limits and
 * error codes, and snapshot-isolated transactions.
 */
import crypto from 'node:crypto';
import { aggregate, update as mingoUpdate } from 'mingo';
import { resolve } from 'mingo/util';
import { find as mingoFind } from 'mingo';
import { readDeclaration } from './declaration';
import { decode, decodeDoc, encode, isPlainObject, type Doc } from './ejson';
import { DatabaseError, collectionNotExist, duplicateKey, invalidParam } from './errors';
import { UNINDEXABLE, encodeKey } from './keys';
import { Store, mingoOptions, type SortSpec } from './store';
import { Transactions } from './transactions';

export interface LocalDatabase {
  /** Answers one wire request body (its `action` is database.*) with the JSON body the SDK expects. */
  handle(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Database requests answered since start (round-trips), for benchmarks and budgets. */
  readonly roundTrips: number;
  /** Documents read from storage since start, for tests and benchmarks. */
  readonly documentsRead: number;
  close(): void;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  declarationFile: string;
  /** How long a transaction may stay open; the cloud's 30 s by default. */
  transactionTimeoutMs?: number;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** The cloud refuses a query whose result exceeds 1 MB (wx-server-sdk's -602001). */
export const MAX_RESULT_BYTES = 1024 * 1024;

type Body = Record<string, unknown>;
type Answer = Record<string, unknown>;

const newId = (): string => crypto.randomBytes(16).toString('hex');

function parseObject(text: unknown): Doc {
  if (text === undefined || text === null || text === '') return {};
  const value = typeof text === 'string' ? decode(text) : text;
  if (!isPlainObject(value)) throw invalidParam('expected an object');
  return value;
}

function isOperatorUpdate(data: Doc): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

/** The document after an update: `merge` applies update operators (plain fields are $set); otherwise `data` replaces it. */
function updated(doc: Doc, data: Doc, merge: boolean): Doc {
  if (!merge) return { ...data, _id: doc._id };
  const modifier: Doc = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) modifier[k] = v;
    else modifier.$set = { ...(modifier.$set as Doc | undefined), [k]: v };
  }
  const copy = structuredClone(doc);
  mingoUpdate(copy, modifier as never, undefined, undefined, { queryOptions: mingoOptions });
  return copy;
}

/** Equality fields of a query, the starting document of an upsert. */
function upsertBase(query: Doc): Doc {
  const base: Doc = {};
  for (const [k, v] of Object.entries(query))
    if (!k.startsWith('$') && !(isPlainObject(v) && Object.keys(v).some((o) => o.startsWith('$')))) base[k] = v;
  return base;
}

function project(docs: Doc[], projection: Doc): Doc[] {
  if (Object.keys(projection).length === 0) return docs;
  return mingoFind(docs, {}, projection, mingoOptions).all() as Doc[];
}

/**
 * mingo answers a `$lookup` whose local field is an array with a `null` for each element nothing matched; Mongo
 * (and so the cloud) leaves those out. Each equality `$lookup` is followed by a filter that drops them.
 */
function withoutUnmatchedLookups(pipeline: Record<string, unknown>[]): Record<string, unknown>[] {
  return pipeline.flatMap((stage) => {
    const lookup = stage.$lookup as { localField?: unknown; as?: unknown } | undefined;
    if (!isPlainObject(lookup) || typeof lookup.localField !== 'string' || typeof lookup.as !== 'string')
      return [stage];
    const as = lookup.as;
    return [stage, { $addFields: { [as]: { $filter: { input: `$${as}`, cond: { $ne: ['$$this', null] } } } } }];
  });
}

interface EqualityLookup {
  from: string;
  localField: string;
  foreignField: string;
  as: string;
}

/** A `$lookup` stage that joins on `localField` = `foreignField` only (no `let`/`pipeline`). */
function equalityLookup(stage: Record<string, unknown>): EqualityLookup | undefined {
  const lookup = stage.$lookup;
  if (!isPlainObject(lookup) || lookup.let !== undefined || lookup.pipeline !== undefined) return undefined;
  const { from, localField, foreignField, as } = lookup;
  return typeof from === 'string' &&
    typeof localField === 'string' &&
    typeof foreignField === 'string' &&
    typeof as === 'string'
    ? { from, localField, foreignField, as }
    : undefined;
}

/** The distinct values an equality `$lookup` looks up for these documents: an array's elements, missing as null. */
function lookupValues(docs: Doc[], localField: string): unknown[] {
  const values = new Map<unknown, unknown>();
  for (const doc of docs) {
    const local = resolve(doc, localField) ?? null;
    for (const value of Array.isArray(local) ? local : [local]) {
      const v = value ?? null;
      const key = encodeKey(v);
      values.set(key === UNINDEXABLE ? v : key, v);
    }
  }
  return [...values.values()];
}

/**
 * Runs an aggregation pipeline on `input`. Each equality `$lookup` reads only the foreign documents it can
 * join: the stages before it run first, then the foreign documents whose `foreignField` is one of the local
 * values are fetched (an index lookup on `_id` or an indexed field; all of them on another field) and given
 * to that `$lookup` alone.
 * Any other stage that names a collection (pipeline-form `$lookup`, ...) reads all of it.
 */
function aggregateWithLookups(store: Store, input: Doc[], pipeline: Record<string, unknown>[]): Doc[] {
  const run = (docs: Doc[], stages: Record<string, unknown>[], resolver: (name: string) => Doc[]): Doc[] =>
    stages.length === 0
      ? docs
      : (aggregate(docs, withoutUnmatchedLookups(stages), { ...mingoOptions, collectionResolver: resolver }) as Doc[]);
  const resolveAll = (name: string): Doc[] => {
    if (!store.has(name)) throw collectionNotExist();
    return store.all(name);
  };
  let docs = input;
  let segment: Record<string, unknown>[] = [];
  for (const stage of pipeline) {
    const lookup = equalityLookup(stage);
    if (!lookup) {
      segment.push(stage);
      continue;
    }
    docs = run(docs, segment, resolveAll);
    segment = [];
    if (!store.has(lookup.from)) throw collectionNotExist();
    const foreign = store.lookupCandidates(lookup.from, lookup.foreignField, lookupValues(docs, lookup.localField));
    docs = run(docs, [stage], () => foreign);
  }
  return run(docs, segment, resolveAll);
}

export function openDatabase(options: OpenDatabaseOptions): LocalDatabase {
  const store = new Store(options.dataDir);
  for (const c of readDeclaration(options.declarationFile)) store.declare(c.name, c.indexes);
  const transactions = new Transactions(store, options.transactionTimeoutMs);
  let roundTrips = 0;

  const collectionOf = (body: Body): string => {
    const name = body.collectionName;
    if (typeof name !== 'string' || !store.has(name)) throw collectionNotExist();
    return name;
  };
  const txOf = (body: Body): string | undefined =>
    typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : undefined;
  const singleDocumentOnly = (body: Body, action: string): void => {
    if (txOf(body))
      throw new DatabaseError(
        'DATABASE_REQUEST_FAILED',
        `${action} on a query is not allowed in a transaction: only single-document operations (doc get/update/set/remove, add)`,
      );
  };
  const docIdOf = (body: Body): unknown => {
    const query = parseObject(body.query);
    if (query._id === undefined) throw invalidParam('a document operation needs an _id');
    return query._id;
  };
  /** Reads and writes of one document, through the transaction when there is one. */
  const readDoc = (tx: string | undefined, collection: string, id: unknown): Doc | null => {
    if (tx) return transactions.read(tx, collection, id);
    const encoded = store.getEncoded(collection, id);
    return encoded === null ? null : decodeDoc(encoded);
  };
  const writeDoc = (tx: string | undefined, collection: string, id: unknown, after: Doc | null): void => {
    if (tx) transactions.write(tx, collection, id, after);
    else store.apply([{ collection, id, before: store.getEncoded(collection, id), after }]);
  };

  const actions: Record<string, (body: Body) => Answer> = {
    insertDocument(body) {
      const collection = collectionOf(body);
      const tx = txOf(body);
      const now = Date.now();
      const docs = (Array.isArray(body.data) ? body.data : [body.data]).map((d) => {
        const doc = typeof d === 'string' ? decodeDoc(d, now) : parseObject(d);
        return doc._id === undefined ? { _id: newId(), ...doc } : doc;
      });
      if (tx) {
        for (const doc of docs) {
          if (transactions.read(tx, collection, doc._id) !== null) throw duplicateKey(collection, '_id_');
          transactions.write(tx, collection, doc._id, doc);
        }
      } else {
        store.apply(docs.map((doc) => ({ collection, id: doc._id, before: null, after: doc })));
      }
      return { data: { insertedIds: docs.map((d) => d._id) } };
    },

    getDocument(body) {
      const collection = collectionOf(body);
      const projection = parseObject(body.projection);
      const offset = Number(body.offset ?? 0) || 0;
      const limit = Math.min(Number(body.limit) || DEFAULT_LIMIT, MAX_LIMIT);
      let docs: Doc[];
      if (body.queryType === 'DOC') {
        const doc = readDoc(txOf(body), collection, docIdOf(body));
        docs = doc ? [doc] : [];
      } else {
        singleDocumentOnly(body, 'get');
        docs = store.find(collection, parseObject(body.query), {
          order: parseObject(body.order) as SortSpec,
          offset,
          limit,
        });
      }
      const list = project(docs, projection).map(encode);
      const bytes = list.reduce((n, s) => n + Buffer.byteLength(s), 0);
      if (bytes > MAX_RESULT_BYTES) {
        throw new DatabaseError(
          'DATABASE_REQUEST_FAILED',
          `-602001 database query result size exceed limit (1MB): ${bytes} bytes; query fewer documents or project fewer fields`,
        );
      }
      return { data: { list, limit, offset } };
    },

    modifyDocument(body) {
      const collection = collectionOf(body);
      const tx = txOf(body);
      const data = parseObject(body.data);
      const merge = body.merge !== false;
      if (!merge && isOperatorUpdate(data))
        throw invalidParam('a replacement document cannot contain update operators');
      if (body.queryType === 'DOC') {
        const id = docIdOf(body);
        const current = readDoc(tx, collection, id);
        if (current) {
          const next = updated(current, data, merge);
          const changed = encode(next) !== encode(current);
          if (changed) writeDoc(tx, collection, id, next);
          return { data: { updated: changed ? 1 : 0 } };
        }
        if (!body.upsert) return { data: { updated: 0 } };
        writeDoc(tx, collection, id, updated({ _id: id }, data, merge));
        return { data: { updated: 0, upsert_id: id } };
      }
      singleDocumentOnly(body, 'update');
      const query = parseObject(body.query);
      const docs = store.find(collection, query, body.multi === false ? { limit: 1 } : {});
      if (docs.length === 0 && body.upsert) {
        const doc = updated({ _id: newId(), ...upsertBase(query) }, data, merge);
        store.apply([{ collection, id: doc._id, before: null, after: doc }]);
        return { data: { updated: 0, upsert_id: doc._id } };
      }
      const changes = docs.flatMap((doc) => {
        const next = updated(doc, data, merge);
        const before = encode(doc);
        return encode(next) === before ? [] : [{ collection, id: doc._id, before, after: next }];
      });
      store.apply(changes);
      return { data: { updated: changes.length } };
    },

    modifyAndReturnDoc(body) {
      const collection = collectionOf(body);
      singleDocumentOnly(body, 'updateAndReturn');
      const [doc] = store.find(collection, parseObject(body.query), { limit: 1 });
      if (!doc) return { data: { updated: 0, doc: null } };
      const next = updated(doc, parseObject(body.data), true);
      const before = encode(doc);
      const after = encode(next);
      if (after !== before) store.apply([{ collection, id: doc._id, before, after: next }]);
      return { data: { updated: after !== before ? 1 : 0, doc: after } };
    },

    removeDocument(body) {
      const collection = collectionOf(body);
      const tx = txOf(body);
      if (body.queryType === 'DOC') {
        const id = docIdOf(body);
        if (readDoc(tx, collection, id) === null) return { data: { deleted: 0 } };
        writeDoc(tx, collection, id, null);
        return { data: { deleted: 1 } };
      }
      singleDocumentOnly(body, 'remove');
      const docs = store.find(collection, parseObject(body.query), body.multi === false ? { limit: 1 } : {});
      store.apply(docs.map((doc) => ({ collection, id: doc._id, before: encode(doc), after: null })));
      return { data: { deleted: docs.length } };
    },

    calculateDocument(body) {
      const collection = collectionOf(body);
      singleDocumentOnly(body, 'count');
      return { data: { total: store.count(collection, parseObject(body.query)) } };
    },

    aggregateDocuments(body) {
      const collection = collectionOf(body);
      singleDocumentOnly(body, 'aggregate');
      const stages = (Array.isArray(body.stages) ? body.stages : []) as { stageKey: string; stageValue: string }[];
      const pipeline = stages.map((s) => ({ [s.stageKey]: decode(s.stageValue) }));
      const first = pipeline[0]?.$match;
      const input = isPlainObject(first) ? store.find(collection, first) : store.all(collection);
      const list = aggregateWithLookups(store, input, isPlainObject(first) ? pipeline.slice(1) : pipeline);
      return { data: { list: list.map(encode) } };
    },

    addCollection(body) {
      const name = body.collectionName;
      if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name))
        throw invalidParam('invalid collection name');
      if (store.has(name))
        throw new DatabaseError(
          'DATABASE_COLLECTION_ALREADY_EXIST',
          `[ResourceInUse] Table exist. collection ${name} already exists`,
        );
      store.declare(name, []);
      return {};
    },

    startTransaction() {
      return { transactionId: transactions.start() };
    },

    commitTransaction(body) {
      transactions.commit(String(body.transactionId));
      return {};
    },

    abortTransaction(body) {
      transactions.abort(String(body.transactionId));
      return {};
    },
  };

  return {
    async handle(body) {
      roundTrips += 1;
      const requestId = newId();
      const action = String(body.action ?? '').replace(/^database\./, '');
      try {
        const run = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
        if (!run) throw new DatabaseError('INVALID_ACTION', `database action ${action} is not supported`);
        return { requestId, ...run(body) };
      } catch (e) {
        if (e instanceof DatabaseError) return { code: e.code, message: e.message, requestId };
        return { code: 'DATABASE_REQUEST_FAILED', message: (e as Error).message, requestId };
      }
    },
    get roundTrips() {
      return roundTrips;
    },
    get documentsRead() {
      return store.documentsRead;
    },
    close() {
      store.close();
    },
  };
}
