import type { GeoPoint, LadderStep, Rating, RequestCategory, RequestState } from '@honglin/types/request';
import { ROLE_LABELS, type RoleGrant } from '@honglin/types/org';
import { db } from './cloud';
import { notFound } from './errors';
import { UNITS, type UnitDoc } from './org';
import type { CallerRecord } from './runtime';
import { COLLECTIONS } from './collections';

/**
 * The stored request and what every function that writes one needs (the request function, and the visit that
 * raises requests on a household's behalf).
 */

export const REQUESTS = COLLECTIONS.requests;

/** A stored request. `ladder` is the resident's neighbourhood path, root first; `level` indexes the one responsible unit. */
export interface RequestDoc {
  _id: string;
  category: RequestCategory;
  urgent: boolean;
  text: string;
  photos: string[];
  /** Photos (of `photos` and `resultPhotos`) waiting for the image check: see common/pendingPhotos.ts. */
  pendingPhotos?: string[];
  point?: GeoPoint;
  enterprise?: { name: string; placeId?: string };
  parties?: string[];
  /** The resident's neighbourhood. */
  unitId: string;
  unitName: string;
  ladder: LadderStep[];
  /** The ladder's unit ids (the neighbourhood's path): "everything raised in village X" is one indexed query. */
  unitPath: string[];
  level: number;
  responsibleUnitId: string;
  responsibleKind: LadderStep['kind'];
  /** The ladder up to the responsible unit: "waiting in my unit and below" is one indexed query. */
  responsiblePath: string[];
  cameFrom: number[];
  state: RequestState;
  handlerId: string | null;
  handlerName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** The resident's account (their own submit, or a reported resident who has one). */
  submitter: string | null;
  /** The resident's name as they gave it: private unless showName. */
  residentName: string;
  showName: boolean;
  /** Reported by a head on the resident's behalf: the head, and the resident's phone (private to handlers). */
  reporterId: string | null;
  reporterName: string | null;
  residentPhone: string | null;
  /** Who sees it in "my requests": the resident and the residents who follow it. */
  participants: string[];
  followers: string[];
  acceptBy: Date;
  resolveBy: Date;
  acceptedAt: Date | null;
  /** The first 签收 at any level (acceptedAt is the latest). */
  firstAcceptedAt?: Date | null;
  resolvedAt: Date | null;
  firstResolvedAt: Date | null;
  closedAt: Date | null;
  result: string | null;
  resultPhotos: string[];
  /**
   * The rating: the resident's own, or recorded on behalf of a resident without the app (居民无手机) by an admin
   * on its ladder who took no part in handling it (回访), stored as such and counted apart.
   */
  rating: { value: Rating; comment?: string; at: Date; onBehalf?: boolean; recordedBy?: string } | null;
  /** Everyone who moved it (accepted, assigned, passed, resolved …): none of them may rate it. */
  handledBy?: string[];
  visitId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The responsible-unit fields of a request at ladder level `level`. */
export function responsibleAt(ladder: LadderStep[], level: number) {
  const step = ladder[level];
  return {
    level,
    responsibleUnitId: step.unitId,
    responsibleKind: step.kind,
    responsiblePath: ladder.slice(0, level + 1).map((s) => s.unitId),
  };
}

/**
 * A ladder from a path and the units read with it: every unit found. A resident's request ends at a neighbourhood;
 * an enterprise's at the unit the enterprise is registered in (a village, a neighbourhood, or the town).
 */
export function ladderFrom(
  path: readonly string[],
  units: readonly UnitDoc[],
  endsAt: 'neighbourhood' | 'registered' = 'neighbourhood',
): LadderStep[] {
  const byIdMap = new Map(units.map((u) => [u._id, u]));
  const steps = path.map((id) => byIdMap.get(id));
  const last = steps[steps.length - 1];
  if (!last || steps.some((u) => !u)) throw notFound('找不到您所在的邻，请先在“我的”里选好');
  if (endsAt === 'neighbourhood' && last.kind !== 'neighbourhood') throw notFound('请选择到具体的邻');
  return (steps as UnitDoc[]).map((u) => ({ unitId: u._id, kind: u.kind, name: u.name }));
}

/** A neighbourhood's ladder (its path with names), in one read: the unit and its ancestors. */
export async function loadLadder(unitId: string): Promise<LadderStep[]> {
  const { list } = (await db
    .collection(UNITS)
    .aggregate()
    .match({ _id: unitId })
    .lookup({ from: UNITS, localField: 'path', foreignField: '_id', as: 'ancestors' })
    .end()) as { list: Array<UnitDoc & { ancestors: UnitDoc[] }> };
  const [unit] = list;
  if (!unit) throw notFound('找不到您所在的邻，请先在“我的”里选好');
  return ladderFrom(unit.path, unit.ancestors);
}

interface NamedCaller extends CallerRecord {
  nickname?: string;
}

/** How an actor appears on the timeline: the role they acted in and their name (heads act in the open). */
export function actorLabel(caller: CallerRecord | null, grant: RoleGrant | undefined): string {
  const name = (caller as NamedCaller | null)?.nickname ?? '';
  if (!grant) return name || '居民';
  return `${ROLE_LABELS[grant.role]}${name ? ` ${name}` : ''}`;
}
