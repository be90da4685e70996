import { useEffect, useState } from 'react';
import type { Me } from '@honglin/types/user';
import { userApi } from '@/api/user';
import type { QueryState } from '@/lib/useQuery';
import { ADMIN_ROLES, BRANCH_ROLES, HEAD_ROLES } from '@honglin/types/org';

/**
 * The current user (user.me), loaded once and shared by every page; pages that change who the user is
 * (privacy consent, profile, invitation, 注销) call refreshMe() and every page showing it updates.
 */
let current: QueryState<Me> = { status: 'loading' };
let loading: Promise<void> | null = null;
const listeners = new Set<(state: QueryState<Me>) => void>();

function publish(state: QueryState<Me>): void {
  current = state;
  for (const listener of listeners) listener(state);
}

export function refreshMe(): Promise<void> {
  loading = userApi
    .me()
    .then((answer) => {
      publish(answer.ok ? { status: 'success', data: answer.data } : { status: 'error', error: answer.error });
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

export function useMe(): { query: QueryState<Me>; reload: () => void } {
  const [state, setState] = useState(current);
  useEffect(() => {
    listeners.add(setState);
    if (current.status !== 'success' && !loading) refreshMe();
    else setState(current);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return {
    query: state,
    reload: () => {
      publish({ status: 'loading' });
      refreshMe();
    },
  };
}

/** What the app offers a person, from their roles. */
export interface RoleFlags {
  isMember: boolean;
  isSecretary: boolean;
  isHead: boolean;
  isAdmin: boolean;
  /** The units the person administers (village or town admin grants). */
  adminUnitIds: string[];
}

export function roleFlags(me: Me): RoleFlags {
  const has = (...roles: string[]) => me.roles.some((g) => roles.includes(g.role));
  return {
    isMember: has(...BRANCH_ROLES),
    isSecretary: has('branch_secretary'),
    isHead: has(...HEAD_ROLES),
    isAdmin: has(...ADMIN_ROLES),
    adminUnitIds: me.roles.filter((g) => ADMIN_ROLES.includes(g.role)).map((g) => g.unitId),
  };
}
