import { PERSONA } from '../../../emulator/seed/ids';
import { ok, rid, type DemoWorld } from '../user/world';
import type { AccessFixtures } from './types';

/** The film library is the town's: only town admins change it. The film log is a member's own. */
const film = () => ({
  requestId: rid(),
  title: '先锋力量（续）',
  kind: 'exemplar',
  lengthMinutes: 30,
  where: [{ platform: '株洲党建' }],
});

const notTownAdmin = [
  { openid: PERSONA.villageAdmin, why: 'wrong_role' as const },
  { openid: PERSONA.secretary, why: 'wrong_role' as const },
  { openid: PERSONA.member, why: 'wrong_role' as const },
];

export const fixtures: AccessFixtures = {
  save: { input: async () => film(), allowed: [PERSONA.townAdmin], denied: notTownAdmin },
  remove: {
    input: async (world: DemoWorld) => ({ id: ok(await world.call(PERSONA.townAdmin, 'video', 'save', film()))._id }),
    allowed: [PERSONA.townAdmin],
    denied: notTownAdmin,
  },
  logWatched: {
    input: async () => ({ requestId: rid(), filmId: 'film-bangyang' }),
    allowed: [PERSONA.member],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.villageAdmin, why: 'wrong_role' },
    ],
  },
  myLog: {
    input: {},
    allowed: [PERSONA.member],
    denied: [{ openid: PERSONA.villager, why: 'wrong_role' }],
  },
};
