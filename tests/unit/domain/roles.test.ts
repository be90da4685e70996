import type { RoleGrant, RoleName } from '@honglin/types/org';
import { maskPhone } from '@honglin/types/mask';
import {
  applyRoleChange,
  mayGrant,
  memberUnitIds,
  phoneFor,
  roleFitsUnit,
} from '../../../cloudfunctions/common/domain/roles';

const grant = (role: RoleName, unitPath: string[], branchId?: string): RoleGrant => ({
  role,
  unitId: unitPath[unitPath.length - 1],
  unitPath,
  ...(branchId ? { branchId } : {}),
  grantedAt: '2026-01-01T00:00:00.000Z',
  grantedBy: 'test',
});
const townAdmin = grant('town_admin', ['t']);
const villageAdmin = grant('village_admin', ['t', 'v']);

describe('who may grant which role', () => {
  it.each([
    ['member', true, true],
    ['neighbour_head', true, true],
    ['group_head', true, true],
    ['block_head', true, true],
    ['branch_secretary', true, true],
    ['village_admin', true, false],
    ['town_admin', true, false],
  ] as const)('%s: town admin %s, village admin %s', (role, byTown, byVillage) => {
    expect(mayGrant([townAdmin], role)).toBe(byTown);
    expect(mayGrant([villageAdmin], role)).toBe(byVillage);
    expect(mayGrant([], role)).toBe(false);
  });

  it('puts unit roles only in units of their level; branch roles anywhere', () => {
    expect(roleFitsUnit('neighbour_head', 'neighbourhood')).toBe(true);
    expect(roleFitsUnit('neighbour_head', 'group')).toBe(false);
    expect(roleFitsUnit('village_admin', 'village')).toBe(true);
    expect(roleFitsUnit('town_admin', 'village')).toBe(false);
    expect(roleFitsUnit('member', 'town')).toBe(true);
  });
});

describe('role changes', () => {
  const head = grant('neighbour_head', ['t', 'v', 'b', 'g', 'n']);
  const member = grant('member', ['t', 'v'], 'br');

  it.each([
    ['grant a new role', [member], { type: 'grant', grant: head }, { ok: true, to: [member, head], changed: [head] }],
    [
      'grant a role already held',
      [member, head],
      { type: 'grant', grant: { ...head, grantedAt: 'later' } },
      { ok: true, to: [member, head], changed: [] },
    ],
    [
      'revoke a held role',
      [member, head],
      { type: 'revoke', target: { role: 'neighbour_head', unitId: 'n' } },
      { ok: true, to: [member], changed: [head] },
    ],
    [
      'revoke a role not held',
      [member],
      { type: 'revoke', target: { role: 'neighbour_head', unitId: 'n' } },
      { ok: false, refusal: 'role.notHeld' },
    ],
    [
      'revoke in another branch',
      [member],
      { type: 'revoke', target: { role: 'member', unitId: 'v', branchId: 'other' } },
      { ok: false, refusal: 'role.notHeld' },
    ],
  ] as const)('%s', (_name, roles, change, expected) => {
    expect(applyRoleChange([...roles], change as Parameters<typeof applyRoleChange>[1])).toEqual(expected);
  });

  it('indexes a person under their home and every role unit with ancestors', () => {
    expect(memberUnitIds(['t', 'v2', 'n2'], [head]).sort()).toEqual(['b', 'g', 'n', 'n2', 't', 'v', 'v2']);
  });
});

describe('phone numbers', () => {
  const person = { _id: 'p', phone: '13812345678', homeUnitPath: ['t', 'v', 'n'] };

  it('are masked for everyone but the person, admins of their home included', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(phoneFor({ openid: 'p' }, person)).toBe('13812345678');
    expect(phoneFor({ openid: 'x' }, person)).toBe('138****5678');
    expect(phoneFor({ openid: 'x' }, { ...person, phone: '' })).toBe('');
  });
});
