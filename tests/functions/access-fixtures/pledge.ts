import { shanghai } from '@honglin/types/time';
import { PERSONA } from '../../../emulator/seed/ids';
import { ok, rid, type DemoWorld } from '../user/world';
import type { AccessFixtures } from './types';

/** A fresh pledge of the demo member (西草坪村党支部), moved as far as `upTo`. */
async function pledge(world: DemoWorld, upTo: 'draft' | 'submitted' | 'approved' | 'fulfilled' | 'completed') {
  const created = await world.call(PERSONA.member, 'pledge', 'create', {
    requestId: rid(),
    category: 'residents',
    content: '每月为独居老人打扫一次卫生',
    target: '每月1次，3户',
    dueDay: shanghai().add(30, 'day').format('YYYY-MM-DD'),
    submit: upTo !== 'draft',
  });
  const id = ok(created).id as string;
  if (upTo === 'draft' || upTo === 'submitted') return id;
  ok(await world.call(PERSONA.secretary, 'pledge', 'review', { id, decision: 'approve' }));
  if (upTo === 'approved') return id;
  ok(await world.call(PERSONA.member, 'pledge', 'addFulfilment', fulfilment(id)));
  if (upTo === 'fulfilled') return id;
  ok(await world.call(PERSONA.member, 'pledge', 'complete', { id }));
  return id;
}

const fulfilment = (id: string) => ({
  id,
  requestId: rid(),
  day: shanghai().format('YYYY-MM-DD'),
  text: '打扫了三户老人的院子',
  peopleHelped: 3,
});

/** The owner's actions: members hold the role; a member of 石洲村's branch holds it in another branch. */
const ownerDenied = [
  { openid: PERSONA.villager, why: 'wrong_role' as const },
  { openid: PERSONA.villageAdmin, why: 'wrong_role' as const },
  { openid: PERSONA.otherMember, why: 'other_unit' as const },
];
/** The branch's actions: only its secretary. */
const secretaryDenied = [
  { openid: PERSONA.member, why: 'wrong_role' as const },
  { openid: PERSONA.villageAdmin, why: 'wrong_role' as const },
  { openid: PERSONA.otherSecretary, why: 'other_unit' as const },
];

const edit = {
  category: 'volunteer',
  content: '清理村口水渠',
  target: '200米',
  dueDay: shanghai().add(20, 'day').format('YYYY-MM-DD'),
};

export const fixtures: AccessFixtures = {
  create: {
    input: async () => ({ requestId: rid(), ...edit }),
    allowed: [PERSONA.member, PERSONA.secretary, PERSONA.blockHead],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.neighbourHead, why: 'wrong_role' },
    ],
  },
  update: {
    input: async (w) => ({ id: await pledge(w, 'draft'), ...edit }),
    allowed: [PERSONA.member],
    denied: ownerDenied,
  },
  submit: { input: async (w) => ({ id: await pledge(w, 'draft') }), allowed: [PERSONA.member], denied: ownerDenied },
  withdraw: {
    input: async (w) => ({ id: await pledge(w, 'submitted') }),
    allowed: [PERSONA.member],
    denied: ownerDenied,
  },
  review: {
    input: async (w) => ({ id: await pledge(w, 'submitted'), decision: 'approve' }),
    allowed: [PERSONA.secretary],
    denied: secretaryDenied,
  },
  addFulfilment: {
    input: async (w) => fulfilment(await pledge(w, 'approved')),
    allowed: [PERSONA.member],
    denied: ownerDenied,
  },
  complete: {
    input: async (w) => ({ id: await pledge(w, 'fulfilled') }),
    allowed: [PERSONA.member],
    denied: ownerDenied,
  },
  appraise: {
    input: async (w) => ({ id: await pledge(w, 'completed'), grade: 'good', comment: '按时完成' }),
    allowed: [PERSONA.secretary],
    denied: secretaryDenied,
  },
};
