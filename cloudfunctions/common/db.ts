import { RETRY_DETAILS } from '@honglin/types/envelope';
import { conflict } from './errors';
import { db } from './cloud';

/**
 * Typed reads over wx-server-sdk (whose typings return unions of callback styles). Writes use the SDK
 * directly: `db.collection(name).add({ data })`, `.doc(id).update({ data })`, always inside `inTransaction`
 * when a status changes together with its timeline event.
 */
interface Gettable {
  get(): unknown;
}

/** The documents a query returns (one page: the cloud caps a get at 100 by default, 1000 at most). */
export async function rows<T>(query: Gettable): Promise<T[]> {
  const result = (await query.get()) as { data: T[] };
  return result.data;
}

/** One document by id, or null (a plain doc(id).get() throws when it is missing). */
export async function byId<T>(collection: string, id: string): Promise<T | null> {
  const [doc] = await rows<T>(db.collection(collection).where({ _id: id }).limit(1));
  return doc ?? null;
}

/** A condition value matching documents whose field contains `text` (any case), the text taken literally. */
export function containing(text: string): unknown {
  return db.RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
}

export async function count(query: { count(): unknown }): Promise<number> {
  const result = (await query.count()) as { total: number };
  return result.total;
}

/** True for the failure of adding a document whose id (or unique key) exists already. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof Error && /duplicate key/.test(error.message);
}

/** A database transaction as the SDK hands it to runTransaction. */
export interface Tx {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: Record<string, unknown> }): Promise<unknown>;
      update(options: { data: Record<string, unknown> }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
    add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>;
  };
}

/** Reads a document inside a transaction (seeing the transaction's own writes); null when it does not exist. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await tx.collection(collection).doc(id).get();
    return (data as T) ?? null;
  } catch (error) {
    if (error instanceof Error && /does not exist/.test(error.message)) return null;
    throw error;
  }
}

/**
 * Runs a transition in one transaction. The first transaction to commit wins; the SDK re-runs a loser, which
 * then reads the moved state again (and, for a transition no longer allowed, refuses with CONFLICT). N writers
 * of one document need N-1 re-runs: ten covers a crowd checking in at once. Once spent, the caller gets CONFLICT
 * with RETRY_DETAILS: nothing was written, and the client's transport makes the call again.
 * Read the document again inside and re-check it: the state may have moved.
 */
const TRANSACTION_RUNS = 10;

export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return (await db.runTransaction(work as (tx: unknown) => Promise<T>, TRANSACTION_RUNS)) as T;
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT') {
      throw conflict('很多人正在同时操作，请稍后再试', RETRY_DETAILS);
    }
    throw error;
  }
}
