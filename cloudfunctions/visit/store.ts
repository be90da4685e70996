import type { RequestCategory } from '@honglin/types/request';
import { COLLECTIONS } from '../common/collections';

export const VISITS = COLLECTIONS.visits;

/**
 * One logged visit (访一访). `householdKey` tells households apart for the counters: `hh:<householdId>`; visits
 * logged before households were records keep `user:<openid>` or `name:<neighbourhood>:<name>` (and no householdId).
 */
export interface VisitDoc {
  _id: string;
  headId: string;
  headName: string;
  /** The unit the head visited for (their head role's unit). */
  unitId: string;
  /** The household's neighbourhood path: a village's visits are one indexed query. */
  unitPath: string[];
  neighbourhoodName: string;
  householdKey: string;
  householdId?: string;
  householdName: string;
  /** Only on visits logged before households were records (a resident's account); null since. */
  householdUserId: string | null;
  date: string;
  month: string;
  discussed: string;
  /** 帮一帮: helped on the spot. */
  helpedOnSpot?: boolean;
  problems: Array<{ category: RequestCategory; text: string; requestId: string }>;
  createdAt: Date;
}
