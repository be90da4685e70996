import { monthOf } from '@honglin/types/time';
import { PERSONA, UNIT } from '../../../emulator/seed/ids';
import type { AccessFixtures } from './types';

const figures = {
  input: { unitId: UNIT.xicaoping, period: { kind: 'month', month: monthOf(new Date()) } },
  allowed: [PERSONA.villageAdmin, PERSONA.townAdmin, PERSONA.secretary],
  denied: [
    { openid: PERSONA.member, why: 'wrong_role' as const },
    { openid: PERSONA.neighbourHead, why: 'wrong_role' as const },
    { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
    { openid: PERSONA.otherSecretary, why: 'other_unit' as const },
  ],
};

export const fixtures: AccessFixtures = {
  dashboard: figures,
  summary: figures,
  export: figures,
  reconcile: {
    input: { unitId: UNIT.xicaoping, from: monthOf(new Date()), to: monthOf(new Date()) },
    allowed: [PERSONA.villageAdmin, PERSONA.townAdmin],
    denied: [
      { openid: PERSONA.secretary, why: 'wrong_role' as const },
      { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
    ],
  },
};
