// Only the request detail page writes a timeline: kept beside it, out of the main package.
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
