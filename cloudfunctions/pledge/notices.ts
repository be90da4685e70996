import { APPRAISAL_GRADE_LABELS } from '@honglin/types/pledge';
import { notify } from '../common/notify';
import type { PledgeDoc } from './store';

const detailPage = (id: string) => `packages/pledge/detail?id=${encodeURIComponent(id)}`;

/** 审诺 result to the member (approved or returned with the reason). Never fails the review. */
export function noticeReviewed(pledge: PledgeDoc): Promise<boolean> {
  const approved = pledge.state === 'approved';
  return notify(pledge.ownerId, 'pledgeReviewed', detailPage(pledge._id), {
    subject: pledge.content,
    status: approved ? '审核通过' : '已退回',
    note: approved ? '已在承诺墙亮诺，请按期践诺' : (pledge.returnReason ?? '请修改后重新提交'),
  });
}

/** 评诺 result to the member. */
export function noticeAppraised(pledge: PledgeDoc): Promise<boolean> {
  const grade = pledge.appraisal ? APPRAISAL_GRADE_LABELS[pledge.appraisal.grade] : '';
  return notify(pledge.ownerId, 'pledgeAppraised', detailPage(pledge._id), {
    subject: pledge.content,
    status: grade,
    note: pledge.appraisal?.comment ?? '',
  });
}
