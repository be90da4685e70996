/**
 * What a re-run changes: the declared indexes and timer triggers compared with what the cloud lists, so
 * that only what differs is dropped and created again (the executor's idempotence, tested without a cloud).
 */
import type { IndexDeclaration } from './declaration';
import type { TimerTrigger } from './functionConfig';

/** An index as the cloud describes it (DescribeTable's Indexes). */
export interface ListedIndex {
  Name: string;
  Keys?: { Name?: string; Direction?: string }[];
  Unique?: boolean;
}

/** A trigger as the cloud lists it (GetFunction's Triggers); a timer's Config is its cron, or JSON holding it. */
export interface ListedTrigger {
  Name: string;
  Type: string;
  Config: string;
}

/** The index every collection has; never declared, never touched. */
const ID_INDEX = '_id_';

function sameIndex(index: IndexDeclaration, listed: ListedIndex): boolean {
  const keys = listed.Keys ?? [];
  return (
    keys.length === index.keys.length &&
    index.keys.every((k, i) => keys[i].Name === k.field && Number(keys[i].Direction) === k.direction) &&
    (listed.Unique ?? false) === (index.unique ?? false)
  );
}

export function indexChanges(declared: IndexDeclaration[], listed: ListedIndex[]) {
  const changed = declared.filter((i) => listed.some((l) => l.Name === i.name && !sameIndex(i, l)));
  const missing = declared.filter((i) => !listed.some((l) => l.Name === i.name));
  return {
    /** Declared under a name the cloud has with other keys: dropped, then created. */
    drop: changed.map((i) => i.name),
    create: [...changed, ...missing],
    unchanged: declared.length - changed.length - missing.length,
    /** In the cloud but not declared: reported, left alone (someone may have added it by hand on purpose). */
    undeclared: listed
      .filter((l) => l.Name !== ID_INDEX && !declared.some((i) => i.name === l.Name))
      .map((l) => l.Name),
  };
}

export function listedCron(config: string): string {
  try {
    const parsed = JSON.parse(config) as { cron?: string };
    return typeof parsed.cron === 'string' ? parsed.cron : config;
  } catch {
    return config;
  }
}

/** Timer triggers to delete (changed or no longer declared) and to create (new or changed). */
export function triggerChanges(declared: TimerTrigger[], listed: ListedTrigger[]) {
  const timers = listed.filter((t) => t.Type === 'timer');
  const kept = (t: TimerTrigger) => timers.some((l) => l.Name === t.name && listedCron(l.Config) === t.config);
  return {
    remove: timers
      .filter((l) => !declared.some((t) => t.name === l.Name && listedCron(l.Config) === t.config))
      .map((l) => l.Name),
    create: declared.filter((t) => !kept(t)),
    unchanged: declared.filter(kept).length,
  };
}
