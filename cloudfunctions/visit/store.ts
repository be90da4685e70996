import type { RequestCategory } from '@honglin/types/request';
import { COLLECTIONS } from '../common/collections';

export const VISITS = COLLECTIONS.visits;

/** One logged visit (访一访). `householdKey` tells households apart for coverage, registered or named. */
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
  householdName: string;
  householdUserId: string | null;
  date: string;
  month: string;
  discussed: string;
  /** 帮一帮: helped on the spot. */
  helpedOnSpot?: boolean;
  problems: Array<{ category: RequestCategory; text: string; requestId: string }>;
  createdAt: Date;
}
