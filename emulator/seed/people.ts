import { BRANCH_ROLES, type RoleGrant, type RoleName } from '@honglin/types/org';
import { PRIVACY_VERSION } from '@honglin/types/user';
import { BRANCH, PERSONA, UNIT } from './ids';
import { DEMO_BRANCHES, demoUnit } from './org';

/** One demo person: where they live and the roles they hold (a branch role names the branch). */
interface DemoPerson {
  openid: string;
  nickname: string;
  homeUnitId: string;
  phone: string;
  roles: Array<{ role: RoleName; unitId?: string; branchId?: string }>;
}

const XCP_HOME = UNIT.xcpNeighbourhood1;
const SZ_HOME = UNIT.szNeighbourhood1;

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: PERSONA.villager, nickname: '李秀英', homeUnitId: XCP_HOME, phone: '13807330101', roles: [] },
  {
    openid: PERSONA.neighbourHead,
    nickname: '张桂兰',
    homeUnitId: XCP_HOME,
    phone: '13807330102',
    roles: [{ role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood1 }],
  },
  {
    openid: PERSONA.groupHead,
    nickname: '刘长生',
    homeUnitId: XCP_HOME,
    phone: '13807330103',
    roles: [{ role: 'group_head', unitId: UNIT.xcpGroup1 }],
  },
  {
    openid: PERSONA.blockHead,
    nickname: '陈志刚',
    homeUnitId: UNIT.xcpNeighbourhood2,
    phone: '13807330104',
    roles: [
      { role: 'block_head', unitId: UNIT.xcpBlock1 },
      { role: 'member', branchId: BRANCH.xicaoping },
    ],
  },
  {
    openid: PERSONA.member,
    nickname: '王建国',
    homeUnitId: XCP_HOME,
    phone: '13807330105',
    roles: [{ role: 'member', branchId: BRANCH.xicaoping }],
  },
  {
    openid: PERSONA.secretary,
    nickname: '周红梅',
    homeUnitId: UNIT.xcpNeighbourhood2,
    phone: '13807330106',
    roles: [
      { role: 'branch_secretary', branchId: BRANCH.xicaoping },
      { role: 'member', branchId: BRANCH.xicaoping },
    ],
  },
  {
    openid: PERSONA.villageAdmin,
    nickname: '赵明',
    homeUnitId: UNIT.xcpNeighbourhood3,
    phone: '13807330107',
    roles: [{ role: 'village_admin', unitId: UNIT.xicaoping }],
  },
  {
    openid: PERSONA.townAdmin,
    nickname: '黄立新',
    homeUnitId: UNIT.community,
    phone: '13807330108',
    roles: [
      { role: 'town_admin', unitId: UNIT.town },
      { role: 'member', branchId: BRANCH.townOrgans },
    ],
  },
  { openid: PERSONA.otherVillager, nickname: '罗冬梅', homeUnitId: SZ_HOME, phone: '13807330201', roles: [] },
  {
    openid: PERSONA.otherNeighbourHead,
    nickname: '谭玉珍',
    homeUnitId: SZ_HOME,
    phone: '13807330202',
    roles: [{ role: 'neighbour_head', unitId: UNIT.szNeighbourhood1 }],
  },
  {
    openid: PERSONA.otherMember,
    nickname: '钟伟',
    homeUnitId: SZ_HOME,
    phone: '13807330203',
    roles: [{ role: 'member', branchId: BRANCH.shizhou }],
  },
  {
    openid: PERSONA.otherSecretary,
    nickname: '邓国华',
    homeUnitId: SZ_HOME,
    phone: '13807330204',
    roles: [
      { role: 'branch_secretary', branchId: BRANCH.shizhou },
      { role: 'member', branchId: BRANCH.shizhou },
    ],
  },
  {
    openid: PERSONA.otherVillageAdmin,
    nickname: '曾海燕',
    homeUnitId: UNIT.shizhou,
    phone: '13807330205',
    roles: [{ role: 'village_admin', unitId: UNIT.shizhou }],
  },
  // More households and members of 西草坪村, so lists are not empty.
  ...[
    ['demo-household-1', '何春花', UNIT.xcpNeighbourhood1],
    ['demo-household-2', '段大勇', UNIT.xcpNeighbourhood1],
    ['demo-household-3', '尹翠兰', UNIT.xcpNeighbourhood2],
    ['demo-household-4', '易福生', UNIT.xcpNeighbourhood3],
    ['demo-household-5', '彭小琴', 'v-xicaoping-g3-n1'],
    ['demo-household-6', '文德才', 'v-xicaoping-g4-n1'],
  ].map(([openid, nickname, homeUnitId], i) => ({
    openid,
    nickname,
    homeUnitId,
    phone: `1380733030${i + 1}`,
    roles: [],
  })),
  ...[
    ['demo-member-2', '廖志明', UNIT.xcpNeighbourhood2],
    ['demo-member-3', '唐美玲', UNIT.xcpNeighbourhood3],
    ['demo-member-4', '龙建军', 'v-xicaoping-g3-n1'],
  ].map(([openid, nickname, homeUnitId], i) => ({
    openid,
    nickname,
    homeUnitId,
    phone: `1380733040${i + 1}`,
    roles: [{ role: 'member' as const, branchId: BRANCH.xicaoping }],
  })),
];

function grantsOf(person: DemoPerson, at: Date): RoleGrant[] {
  return person.roles.map(({ role, unitId, branchId }) => {
    const branch = branchId ? DEMO_BRANCHES.find((b) => b._id === branchId) : undefined;
    if (BRANCH_ROLES.includes(role) !== !!branch) throw new Error(`demo seed: ${person.openid} ${role} needs a branch`);
    const unit = demoUnit(branch ? branch.unitId : (unitId ?? ''));
    return {
      role,
      unitId: unit._id,
      unitPath: unit.path,
      ...(branch ? { branchId: branch._id } : {}),
      grantedAt: at.toISOString(),
      grantedBy: 'seed',
    };
  });
}

/** The stored record of a demo person, as user.acceptPrivacy and user.updateProfile would have left it. */
export function demoUserRecord(person: DemoPerson, createdAt: Date): Record<string, unknown> {
  const roles = grantsOf(person, createdAt);
  const homeUnitPath = demoUnit(person.homeUnitId).path;
  return {
    nickname: person.nickname,
    avatarUrl: '',
    homeUnitId: person.homeUnitId,
    homeUnitPath,
    phone: person.phone,
    roles,
    unitIds: [...new Set([...homeUnitPath, ...roles.flatMap((g) => g.unitPath)])],
    privacyAcceptedAt: createdAt,
    privacyVersion: PRIVACY_VERSION,
    createdAt,
    updatedAt: createdAt,
    deletedAt: null,
  };
}
