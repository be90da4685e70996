/**
 * Limits against abuse, as pure rules: at most `max` of something within a window that opens at the first one.
 * The check-in code, invitation codes, request submits and comments are all limited this way; where the tally
 * is kept differs (on the activity, on the person, or the records themselves), the rule does not.
 */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** How many within the current window, and when it opened. */
export interface Tally {
  count: number;
  since: Date | string;
}

const open = (tally: Tally | undefined, limit: WindowLimit, now: Date): tally is Tally =>
  !!tally && now.getTime() - new Date(tally.since).getTime() < limit.windowMs;

/** Is the limit reached? Then nothing more is allowed until the window passes. */
export function limitReached(tally: Tally | undefined, limit: WindowLimit, now: Date): boolean {
  return open(tally, limit, now) && tally.count >= limit.max;
}

/** The tally after one more: counted in the current window, or the first of a new one. */
export function tallyOne(tally: Tally | undefined, limit: WindowLimit, now: Date): Tally {
  return open(tally, limit, now) ? { count: tally.count + 1, since: tally.since } : { count: 1, since: now };
}

/** When a reached limit allows again: the end of the window. */
export function reopensAt(tally: Tally, limit: WindowLimit): Date {
  return new Date(new Date(tally.since).getTime() + limit.windowMs);
}

/**
 * The tally of records kept anyway (a person's own requests or comments), from their times within the window,
 * oldest first: the window opens at the oldest of the last `max`.
 */
export function tallyOfTimes(times: Array<Date | string>, limit: WindowLimit, now: Date): Tally | undefined {
  const recent = times
    .map((t) => new Date(t))
    .filter((t) => now.getTime() - t.getTime() < limit.windowMs)
    .sort((a, b) => a.getTime() - b.getTime())
    .slice(-limit.max);
  return recent.length === 0 ? undefined : { count: recent.length, since: recent[0] };
}
