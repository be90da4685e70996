import type { ActivityKind } from '@honglin/types/activity';
import type { PlaceKind, UnitKind } from '@honglin/types/org';
import type { RequestCategory } from '@honglin/types/request';

/**
 * The fields of each stored record that the counters count: what an event's bump reads from its record, and what
 * the reconciliation reads back to rebuild the counters (rebuild.ts).
 */

export interface RequestRecord {
  unitPath: string[];
  category: RequestCategory;
  enterprise?: { name: string; placeId?: string } | null;
  responsibleKind: UnitKind;
  createdAt: Date | string;
  firstResolvedAt?: Date | string | null;
  /** The first 签收 at any level. */
  firstAcceptedAt?: Date | string | null;
}
export interface RequestEventRecord {
  unitPath: string[];
  event: string;
  at: Date | string;
}
export interface PledgeRecord {
  unitPath: string[];
  ownerId: string;
  submittedAt?: Date | string | null;
  approvedAt?: Date | string | null;
  completedAt?: Date | string | null;
  appraisedAt?: Date | string | null;
  /** `day`: the day it happened (older records: none, counted at createdAt). */
  fulfilments?: Array<{ createdAt: Date | string; day?: string; linkedRequestId?: string }>;
}
export interface ActivityRecord {
  unitPath: string[];
  branchId: string;
  kind: ActivityKind;
  month: string;
  status: string;
  attendance?: { present?: number };
  place?: SessionPlace | null;
  /** A practice's outcome: the enterprises it served (counted with the enterprises served). */
  practice?: PracticeServed | null;
}
export interface VisitRecord {
  unitPath: string[];
  householdKey: string;
  /** The day of the visit (older records: none, counted at createdAt). */
  date?: string;
  createdAt: Date | string;
  problems?: unknown[];
  helpedOnSpot?: boolean;
}

export interface RecordSet {
  requests: RequestRecord[];
  /** Timeline entries of requests (accepted, escalated, rated …). */
  requestEvents: RequestEventRecord[];
  pledges: PledgeRecord[];
  activities: ActivityRecord[];
  visits: VisitRecord[];
}

/** Where a session took place, as stored: a registered place keeps its kind (field, red site …). */
export interface SessionPlace {
  placeId?: string;
  name?: string;
  kind?: PlaceKind;
}

/** An enterprise a practice served: its key (enterpriseKey) and the unit path it is counted along. */
export interface ServedEnterprise {
  key: string;
  /** A registered enterprise's registered place's path, else the practice's own. */
  unitPath: string[];
}

/** What a stored practice says it served: `served`; records written before it have `enterpriseKeys` only. */
export interface PracticeServed {
  served?: ServedEnterprise[];
  enterpriseKeys?: string[];
}
