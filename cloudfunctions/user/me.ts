import { PRIVACY_VERSION, meInputSchema, type Me, type RoleView, type UnitLabel } from '@honglin/types/user';
import { anyone } from '../common/access';
import { command, db } from '../common/cloud';
import { rows } from '../common/db';
import { grantView } from '../common/domain/roles';
import { BRANCHES, unitsById, type BranchDoc, type UnitDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { bootstrapTownAdmin, isFirstTownAdmin } from './bootstrap';
import type { UserDoc } from '../common/users';

export function unitLabel(unit: UnitDoc, units: Map<string, UnitDoc>): UnitLabel {
  return {
    id: unit._id,
    name: unit.name,
    kind: unit.kind,
    pathNames: unit.path.map((id) => units.get(id)?.name ?? ''),
  };
}

/** The caller as the app sees them: names of their home and of every unit and branch they hold a role in. */
export async function meOf(openid: string, record: UserDoc | null): Promise<Me> {
  if (!record) {
    return {
      openid,
      known: false,
      nickname: '',
      avatarUrl: '',
      homeUnitId: null,
      homeUnit: null,
      phone: '',
      roles: [],
      privacyAcceptedAt: null,
      privacyOutdated: false,
    };
  }
  const roles = record.roles ?? [];
  const branchIds = roles.flatMap((g) => (g.branchId ? [g.branchId] : []));
  const [units, branches] = await Promise.all([
    unitsById([...(record.homeUnitPath ?? []), ...roles.flatMap((g) => g.unitPath)]),
    branchIds.length > 0
      ? rows<BranchDoc>(
          db
            .collection(BRANCHES)
            .where({ _id: command.in(branchIds) })
            .limit(100),
        )
      : Promise.resolve([]),
  ]);
  const branchName = new Map(branches.map((b) => [b._id, b.name]));
  const home = record.homeUnitId ? units.get(record.homeUnitId) : undefined;
  return {
    openid,
    known: true,
    nickname: record.nickname,
    avatarUrl: record.avatarUrl,
    homeUnitId: record.homeUnitId,
    homeUnit: home ? unitLabel(home, units) : null,
    phone: record.phone ?? '',
    roles: roles.map((g): RoleView => ({
      ...grantView(g),
      unitName: units.get(g.unitId)?.name ?? '',
      ...(g.branchId ? { branchName: branchName.get(g.branchId) ?? '' } : {}),
    })),
    privacyAcceptedAt: record.privacyAcceptedAt ? new Date(record.privacyAcceptedAt).toISOString() : null,
    privacyOutdated: record.privacyVersion !== PRIVACY_VERSION,
  };
}

/** Who the caller is: known at once by WeChat identity, no form first. */
export const me = defineAction({
  input: meInputSchema,
  access: anyone,
  async handler(_input, { openid, caller, now }): Promise<Me> {
    let record = caller as UserDoc | null;
    // A first town admin listed after they joined gets the grant on their next start.
    if (record && isFirstTownAdmin(openid) && !record.roles.some((g) => g.role === 'town_admin')) {
      record = await bootstrapTownAdmin(openid, now);
    }
    return meOf(openid, record);
  },
});
