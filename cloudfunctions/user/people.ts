import type { Page } from '@honglin/types/common';
import { listPeopleInputSchema, type PersonView } from '@honglin/types/user';
import { roles } from '../common/access';
import { db } from '../common/cloud';
import { ADMIN_ROLES, grantView, phoneFor } from '../common/domain/roles';
import { unitScope } from '../common/org';
import { pageOf } from '../common/pagination';
import { photosFor } from '../common/pendingPhotos';
import { defineAction } from '../common/runtime';
import { USERS, type UserDoc } from '../common/users';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function personView(person: UserDoc, viewer: { openid: string; roles: UserDoc['roles'] }): PersonView {
  return {
    openid: person._id,
    nickname: person.nickname,
    // A new avatar still in the image check is the person's own to see.
    avatarUrl: photosFor([person.avatarUrl], person.pendingPhotos, person._id === viewer.openid).photos[0] ?? '',
    homeUnitId: person.homeUnitId,
    phone: phoneFor(viewer, { _id: person._id, phone: person.phone }),
    roles: (person.roles ?? []).map(grantView),
    createdAt: new Date(person.createdAt).toISOString(),
  };
}

/**
 * People who live in a unit or hold a role in it (or below), newest first, optionally by part of a name or by
 * role. For the unit's admins; phone numbers masked (whole only for the person themselves).
 */
export const listPeople = defineAction({
  input: listPeopleInputSchema,
  access: roles(
    ADMIN_ROLES,
    unitScope((input: { unitId: string }) => input.unitId),
  ),
  async handler(input, { openid, caller }): Promise<Page<PersonView>> {
    const condition: Record<string, unknown> = { unitIds: input.unitId, deletedAt: null };
    if (input.role) condition['roles.role'] = input.role;
    if (input.query) condition.nickname = db.RegExp({ regexp: escapeRegExp(input.query), options: 'i' });
    const page = await pageOf<UserDoc>(db.collection(USERS), condition, 'createdAt', input.cursor, input.size);
    const viewer = { openid, roles: caller?.roles ?? [] };
    return {
      items: page.items.map((p) => personView(p, viewer)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
