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
  timer: NodeJS.Timeout;
}

const docKey = (collection: string, id: unknown): string => `${collection}\u0000${encodeKey(id)}`;

/**
 * Snapshot-isolated transactions with first-writer-wins: a transaction reads the database as of its
 * start plus its own writes; writes are buffered and applied in one SQLite transaction at commit. Writing
 * a document that another open transaction has written, or that anyone changed since this transaction
 * started, fails with DATABASE_TRANSACTION_CONFLICT and aborts this transaction (db.runTransaction
 * then retries its callback). A commit fails the same way if a non-transactional write changed one of
 * its documents meanwhile.
 */
export class Transactions {
  private readonly open = new Map<string, Transaction>();
  /** Document key -> id of the open transaction that wrote it. */
  private readonly locks = new Map<string, string>();

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
    this.open.set(id, { id, snapshot: new Map(), writes: new Map(), timer });
    return id;
  }

  private get(id: string): Transaction {
    const tx = this.open.get(id);
    if (!tx) throw new DatabaseError('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist, has ended or has expired`);
    return tx;
  }

  read(txId: string, collection: string, id: unknown): Doc | null {
    const tx = this.get(txId);
    const key = docKey(collection, id);
    const own = tx.writes.get(key);
    if (own) return own.after;
    const encoded = tx.snapshot.has(key) ? (tx.snapshot.get(key) ?? null) : this.store.getEncoded(collection, id);
    return encoded === null ? null : decodeDoc(encoded);
  }

  write(txId: string, collection: string, id: unknown, after: Doc | null): void {
    const tx = this.get(txId);
    const key = docKey(collection, id);
    const holder = this.locks.get(key);
    if ((holder !== undefined && holder !== txId) || tx.snapshot.has(key)) {
      this.abort(txId);
      throw transactionConflict();
    }
    this.locks.set(key, txId);
    tx.writes.set(key, { collection, id, after });
  }

  commit(txId: string): void {
    const tx = this.get(txId);
    if ([...tx.writes.keys()].some((key) => tx.snapshot.has(key))) {
      this.abort(txId);
      throw transactionConflict();
    }
    this.end(tx);
    const changes: Change[] = [...tx.writes.values()].map((w) => ({ ...w, before: this.store.getEncoded(w.collection, w.id) }));
    this.store.apply(changes.filter((c) => c.before !== null || c.after !== null));
  }

  abort(txId: string): void {
    const tx = this.open.get(txId);
    if (tx) this.end(tx);
  }

  private end(tx: Transaction): void {
    clearTimeout(tx.timer);
    this.open.delete(tx.id);
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx.id) this.locks.delete(key);
  }
}
