import { REQUEST_STATE_LABELS, type RequestState } from '@honglin/types/request';
import { HANDLING_ROLES, HEAD_ROLES, type RoleGrantView } from '@honglin/types/org';

/** Timeline events in plain words. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交了诉求',
  accepted: '签收了，开始办理',
  assigned: '分派给党员办理',
  dispatched: '派给下级办理',
  escalated: '上报到上一级',
  autoEscalated: '超时，自动转到上一级',
  handedBack: '退回',
  returnedByAssignee: '党员退回给负责人',
  resolved: '办结了',
  closed: '评价后完成',
  reopened: '群众不满意，重新办理',
  closedOnBehalf: '回访居民后代为评价，完成',
  reopenedOnBehalf: '回访居民不满意，重新办理',
  autoClosed: '7天未评价，自动完成',
  comment: '留言',
};

export function stateLabel(state: RequestState): string {
  return REQUEST_STATE_LABELS[state];
}

/** What the 诉求 area offers a person, from their roles. */
export interface RequestRoles {
  /** Heads and admins: they see what waits in their unit and below. */
  handles: boolean;
  /** Heads who visit households (邻长、组长、片长). */
  visits: boolean;
  /** Villages whose visit coverage they may see (village admins, branch secretaries). */
  coverageVillageIds: string[];
  /** A town admin sees every village's coverage (chosen on the page). */
  town: boolean;
  member: boolean;
}

export function requestRolesOf(roles: readonly RoleGrantView[]): RequestRoles {
  const villages = roles.flatMap((g) =>
    (g.role === 'village_admin' || g.role === 'branch_secretary') && g.unitPath.length >= 2 ? [g.unitPath[1]] : [],
  );
  return {
    handles: roles.some((g) => HANDLING_ROLES.includes(g.role)),
    visits: roles.some((g) => HEAD_ROLES.includes(g.role)),
    coverageVillageIds: [...new Set(villages)],
    town: roles.some((g) => g.role === 'town_admin'),
    member: roles.some((g) => g.role === 'member'),
  };
}
