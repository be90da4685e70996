import type { RequestCategory } from '@honglin/types/request';
import { shanghai } from '@honglin/types/time';
import type { RequestTimeLimits } from '@honglin/types/config';

export type { RequestTimeLimits } from '@honglin/types/config';

export interface DueTimes {
  acceptBy: Date;
  resolveBy: Date;
}

/**
 * When a request must be accepted and resolved, counted from `from` (its arrival at the level now responsible)
 * in the town's zone, so a limit crossing midnight or a month end lands on the right local day.
 */
export function dueTimes(category: RequestCategory, urgent: boolean, from: Date, limits: RequestTimeLimits): DueTimes {
  const start = shanghai(from);
  const acceptHours = urgent ? limits.urgentAcceptHours : limits.acceptHours;
  return {
    acceptBy: start.add(acceptHours, 'hour').toDate(),
    resolveBy: start.add(limits[category].resolveHours, 'hour').toDate(),
  };
}

/** Overdue: waiting for acceptance past accept-by, or accepted and unresolved past resolve-by. */
export function isOverdue(request: { state: string; acceptBy: Date; resolveBy: Date }, now: Date): boolean {
  if (request.state === 'submitted') return new Date(request.acceptBy).getTime() < now.getTime();
  if (request.state === 'accepted' || request.state === 'in_progress') {
    return new Date(request.resolveBy).getTime() < now.getTime();
  }
  return false;
}

/** Resolved requests nobody rated are closed this long after resolution. */
export const AUTO_CLOSE_DAYS = 7;

export function autoCloseAt(resolvedAt: Date): Date {
  return shanghai(resolvedAt).add(AUTO_CLOSE_DAYS, 'day').toDate();
}

/** Whole minutes between two moments (for the average resolution time). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60000));
}
