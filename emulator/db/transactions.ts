import crypto from 'node:crypto';
import { decodeDoc, type Doc } from './ejson';
import { DatabaseError, transactionConflict } from './errors';
import { encodeKey } from './keys';
import type { Change, Store } from './store';

/** How long a transaction may stay open before the local cloud aborts it (the cloud's limit is 30 s). */
export const TRANSACTION_TIMEOUT_MS = 30_000;

interface Transaction {
  id: string;
  /** Documents changed by others since this transaction started: their state at its start (encoded, or null if absent). */
  snapshot: Map<string, string | null>;
  /** This transaction's buffered writes: the new state per document (null deletes). */
  writes: Map<string, { collection: string; id: unknown; after: Doc | null }>;
  /** Keys of the documents this transaction read or wrote. */
  touched: Set<string>;
  timer: NodeJS.Timeout;
}

const docKey = (collection: string, id: unknown): string => `${collection}\u0000${encodeKey(id)}`;

/**
 * Snapshot-isolated transactions, first committer wins: a transaction reads the database as of its start
 * plus its own writes; its writes are buffered and applied in one SQLite transaction at commit. A commit
 * that writes fails with DATABASE_TRANSACTION_CONFLICT (and the transaction is aborted) when any document
 * it read or wrote was changed by someone else since it started. The conflict surfaces at commit because that is
 * the only error wx-server-sdk's runTransaction sees with its code (errors of the operations inside are
 * rewrapped without it), so db.runTransaction retries exactly there.
 */
export class Transactions {
  private readonly open = new Map<string, Transaction>();

  constructor(
    private readonly store: Store,
    private readonly timeoutMs = TRANSACTION_TIMEOUT_MS,
  ) {
    store.onChanged = (collection, id, before) => {
      const key = docKey(collection, id);
      for (const tx of this.open.values()) if (!tx.snapshot.has(key)) tx.snapshot.set(key, before);
    };
  }

  start(): string {
    const id = crypto.randomBytes(12).toString('hex');
    const timer = setTimeout(() => this.abort(id), this.timeoutMs);
    timer.unref();
    this.open.set(id, { id, snapshot: new Map(), writes: new Map(), touched: new Set(), timer });
    return id;
  }

  private get(id: string): Transaction {
    const tx = this.open.get(id);
    if (!tx)
      throw new DatabaseError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${id} does not exist, has ended or has expired`,
      );
    return tx;
  }

  read(txId: string, collection: string, id: unknown): Doc | null {
    const tx = this.get(txId);
    const key = docKey(collection, id);
    tx.touched.add(key);
    const own = tx.writes.get(key);
    if (own) return own.after;
    const encoded = tx.snapshot.has(key) ? (tx.snapshot.get(key) ?? null) : this.store.getEncoded(collection, id);
    return encoded === null ? null : decodeDoc(encoded);
  }

  write(txId: string, collection: string, id: unknown, after: Doc | null): void {
    const tx = this.get(txId);
    const key = docKey(collection, id);
    tx.touched.add(key);
    tx.writes.set(key, { collection, id, after });
  }

  commit(txId: string): void {
    const tx = this.get(txId);
    // A read-only transaction saw one consistent snapshot: nothing to validate.
    if (tx.writes.size > 0 && [...tx.touched].some((key) => tx.snapshot.has(key))) {
      this.abort(txId);
      throw transactionConflict();
    }
    this.end(tx);
    const changes: Change[] = [...tx.writes.values()].map((w) => ({
      ...w,
      before: this.store.getEncoded(w.collection, w.id),
    }));
    this.store.apply(changes.filter((c) => c.before !== null || c.after !== null));
  }

  abort(txId: string): void {
    const tx = this.open.get(txId);
    if (tx) this.end(tx);
  }

  private end(tx: Transaction): void {
    clearTimeout(tx.timer);
    this.open.delete(tx.id);
  }
}
