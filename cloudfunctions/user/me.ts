import { meInputSchema, type Me } from '@honglin/types/user';
import { anyone } from '../common/access';
import { defineAction } from '../common/runtime';

interface UserRecord {
  nickname?: string;
  avatarUrl?: string;
  homeUnitId?: string | null;
  privacyAcceptedAt?: Date | null;
}

/** Who the caller is: known at once by WeChat identity, no form first. */
export const me = defineAction({
  input: meInputSchema,
  access: anyone,
  async handler(_input, { caller }): Promise<Me> {
    const record = (caller ?? {}) as UserRecord & { roles?: Me['roles'] };
    return {
      known: caller !== null,
      nickname: record.nickname ?? '',
      avatarUrl: record.avatarUrl ?? '',
      homeUnitId: record.homeUnitId ?? null,
      roles: record.roles ?? [],
      privacyAcceptedAt: record.privacyAcceptedAt ? new Date(record.privacyAcceptedAt).toISOString() : null,
    };
  },
});
