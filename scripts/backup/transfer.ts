/**
 * Moving documents between a database reached through the real wx-server-sdk (a local cloud, or a cloud
 * environment) and backup files: export pages through a collection by _id, import in batches.
 */
import fs from 'node:fs';
import type { Doc } from './format';

/** The cloud's largest page (the SDK caps a query's limit at 1000). */
export const PAGE_SIZE = 1000;
/** Documents per insert; also bounded by INSERT_BYTES. */
export const INSERT_BATCH = 200;
const INSERT_BYTES = 512 * 1024;
/** The cloud's error code for a query result over 1 MB. */
const RESULT_TOO_LARGE = -602001;

/** The part of the SDK's database this module uses (wx-server-sdk's `cloud.database()`). */
export interface SdkDatabase {
  command: { gt(value: unknown): unknown; exists(value: boolean): unknown };
  collection(name: string): SdkCollection;
  createCollection(name: string): Promise<unknown>;
}
interface SdkQuery {
  where(condition: Record<string, unknown>): SdkQuery;
  orderBy(field: string, order: 'asc' | 'desc'): SdkQuery;
  limit(n: number): SdkQuery;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
interface SdkCollection extends SdkQuery {
  add(options: { data: Doc[] }): Promise<unknown>;
}

const errCode = (error: unknown): number | undefined => (error as { errCode?: number }).errCode;

/**
 * Every document of a collection, in _id order, a page at a time. A page whose answer would pass the
 * cloud's 1 MB limit is asked again with half the size.
 */
export async function* exportCollection(db: SdkDatabase, name: string): AsyncGenerator<Doc> {
  let after: unknown = undefined;
  let size = PAGE_SIZE;
  for (;;) {
    const base = db.collection(name);
    const query = after === undefined ? base : base.where({ _id: db.command.gt(after) });
    let page: Doc[];
    try {
      page = (await query.orderBy('_id', 'asc').limit(size).get()).data;
    } catch (error) {
      if (errCode(error) === RESULT_TOO_LARGE && size > 1) {
        size = Math.ceil(size / 2);
        continue;
      }
      throw error;
    }
    yield* page;
    if (page.length < size) return;
    after = page[page.length - 1]._id;
  }
}

/** The cloud's error code for a collection that does not exist. */
const COLLECTION_NOT_EXIST = -502005;

export async function collectionExists(db: SdkDatabase, name: string): Promise<boolean> {
  try {
    await db.collection(name).count();
    return true;
  } catch (error) {
    if (errCode(error) !== COLLECTION_NOT_EXIST) throw error;
    return false;
  }
}

export async function ensureCollection(db: SdkDatabase, name: string): Promise<void> {
  if (!(await collectionExists(db, name))) await db.createCollection(name);
}

export async function countDocuments(db: SdkDatabase, name: string): Promise<number> {
  return (await db.collection(name).count()).total;
}

export async function clearCollection(db: SdkDatabase, name: string): Promise<void> {
  await db
    .collection(name)
    .where({ _id: db.command.exists(true) })
    .remove();
}

/** Inserts documents (with their own _id) in batches; returns how many. */
export async function importDocuments(db: SdkDatabase, name: string, docs: AsyncIterable<Doc>): Promise<number> {
  let batch: Doc[] = [];
  let bytes = 0;
  let total = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await db.collection(name).add({ data: batch });
    total += batch.length;
    batch = [];
    bytes = 0;
  };
  for await (const doc of docs) {
    batch.push(doc);
    bytes += JSON.stringify(doc).length;
    if (batch.length >= INSERT_BATCH || bytes >= INSERT_BYTES) await flush();
  }
  await flush();
  return total;
}

/** Writes an async sequence of lines to a file, returning how many. */
export async function writeLines(file: string, lines: AsyncIterable<string>): Promise<number> {
  const out = fs.createWriteStream(file, 'utf8');
  let count = 0;
  for await (const line of lines) {
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    count++;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return count;
}
