import { BRANCH, PERSONA, UNIT } from '../../../emulator/seed/ids';
import { rid, type DemoWorld } from '../user/world';
import type { AccessFixtures } from './types';

const admins = [PERSONA.villageAdmin, PERSONA.townAdmin];
const outsiders = [
  { openid: PERSONA.secretary, why: 'wrong_role' as const },
  { openid: PERSONA.neighbourHead, why: 'wrong_role' as const },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
];

/** A previewed (empty) import of 西草坪村, for confirm. */
async function previewed(world: DemoWorld): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const { fileID } = await sdk.uploadFile({
    cloudPath: `roster/${rid('file')}.csv`,
    fileContent: Buffer.from('姓名,手机号,所在党支部\n', 'utf8'),
  });
  const answer = await world.call(PERSONA.villageAdmin, 'roster', 'preview', {
    requestId: rid(),
    kind: 'members',
    unitId: UNIT.xicaoping,
    fileID,
  });
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return (answer.data as { importId: string }).importId;
}

export const fixtures: AccessFixtures = {
  template: {
    input: { kind: 'households' },
    allowed: admins,
    denied: [{ openid: PERSONA.secretary, why: 'wrong_role' }],
  },
  preview: {
    input: {
      requestId: rid(),
      kind: 'members',
      unitId: UNIT.xicaoping,
      fileID: 'cloud://local.local-storage/roster/none.csv',
    },
    allowed: admins,
    denied: outsiders,
  },
  confirm: { input: async (world) => ({ importId: await previewed(world) }), allowed: admins, denied: outsiders },
  export: { input: { kind: 'members', unitId: UNIT.xicaoping }, allowed: admins, denied: outsiders },
  sheet: { input: { unitId: UNIT.xicaoping }, allowed: admins, denied: outsiders },
  joinCode: {
    input: { branchId: BRANCH.xicaoping },
    allowed: [PERSONA.secretary, ...admins],
    denied: [
      { openid: PERSONA.member, why: 'wrong_role' },
      { openid: PERSONA.otherSecretary, why: 'other_unit' },
      { openid: PERSONA.otherVillageAdmin, why: 'other_unit' },
    ],
  },
};
