import * as z from 'zod';
import type { RoleGrant } from './org';

/** user.me — who the caller is, as the app needs it on every start. */
export const meInputSchema = z.object({});
export type MeInput = z.input<typeof meInputSchema>;

export interface Me {
  /** False until the person has agreed to the privacy guideline and so been recorded. */
  known: boolean;
  nickname: string;
  avatarUrl: string;
  homeUnitId: string | null;
  roles: RoleGrant[];
  privacyAcceptedAt: string | null;
}
