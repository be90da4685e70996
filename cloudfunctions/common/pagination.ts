import type { Page } from '@honglin/types/common';
import { command } from './cloud';
import { rows } from './db';
import { invalidArgument } from './errors';

/**
 * Cursor pagination on a sort key, newest first: `orderBy(field, 'desc').orderBy('_id', 'desc')`.
 * The cursor names the last item served; the next page starts strictly after it. Never offsets.
 */
interface Position {
  /** The sort value of the last item (a date as epoch ms). */
  v: number | string;
  id: string;
  date: boolean;
}

export function encodeCursor(value: Date | number | string, id: string): string {
  const position: Position =
    value instanceof Date ? { v: value.getTime(), id, date: true } : { v: value, id, date: false };
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (typeof position.id === 'string' && (typeof position.v === 'number' || typeof position.v === 'string')) {
      return position;
    }
  } catch {
    // fall through to the error below
  }
  throw invalidArgument('翻页位置无效，请刷新列表');
}

/** The condition selecting the items after the cursor in descending (field, _id) order. */
export function afterCursor(field: string, cursor: string | undefined): Record<string, unknown> | null {
  if (!cursor) return null;
  const { v, id, date } = decodeCursor(cursor);
  const value = date ? new Date(v as number) : v;
  return command.or([{ [field]: command.lt(value) }, { [field]: value, _id: command.lt(id) }]) as unknown as Record<
    string,
    unknown
  >;
}

interface Pageable {
  where(condition: Record<string, unknown>): Pageable;
  orderBy(field: string, order: 'asc' | 'desc'): Pageable;
  limit(n: number): Pageable;
  get(): unknown;
}

/**
 * One page of `collection` matching `condition`, newest first by `field`. Reads one document more than the
 * page to know whether another page follows.
 */
export async function pageOf<T extends { _id: string }>(
  collection: Pageable,
  condition: Record<string, unknown>,
  field: keyof T & string,
  cursor: string | undefined,
  size: number,
): Promise<Page<T>> {
  const after = afterCursor(field, cursor);
  const where = after ? command.and([condition, after]) : condition;
  const found = await rows<T>(
    collection
      .where(where as Record<string, unknown>)
      .orderBy(field, 'desc')
      .orderBy('_id', 'desc')
      .limit(size + 1),
  );
  const items = found.slice(0, size);
  const last = items[items.length - 1];
  return found.length > size && last
    ? { items, nextCursor: encodeCursor(last[field] as unknown as Date | number | string, last._id) }
    : { items };
}
