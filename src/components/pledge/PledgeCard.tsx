import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import {
  PLEDGE_CATEGORY_LABELS,
  PLEDGE_NEXT_STEP,
  PLEDGE_STATE_LABELS,
  type PledgeSummary,
} from '@honglin/types/pledge';
import { dayLabel } from '@/lib/datetime';
import './pledge-list.scss';

interface PledgeCardProps {
  pledge: PledgeSummary;
  /** The member's own list says what is asked of them next; the wall and the review queue do not. */
  showNextStep?: boolean;
  /** The wall and the branch lists name the member. */
  showOwner?: boolean;
  /** In a list a tap opens the pledge's page; the pledge's own page shows the card without. */
  linked?: boolean;
  children?: ReactNode;
}

/** One pledge in a list: what, by when, where it stands, and (for the member) what to do next. */
export function PledgeCard({
  pledge,
  showNextStep = false,
  showOwner = false,
  linked = false,
  children,
}: PledgeCardProps) {
  const open = linked ? () => navigateTo({ url: `/packages/pledge/detail?id=${pledge.id}` }) : undefined;
  return (
    <View className="pl-card" onClick={open} data-pledge-id={pledge.id}>
      <View className="pl-card__head">
        <Text className={`pl-tag pl-tag--state-${pledge.state}`}>{PLEDGE_STATE_LABELS[pledge.state]}</Text>
        {pledge.overdue && <Text className="pl-tag pl-tag--overdue">已逾期</Text>}
        <Text className="pl-tag">{PLEDGE_CATEGORY_LABELS[pledge.category]}</Text>
        {showOwner && <Text className="pl-card__line">{pledge.ownerName}</Text>}
      </View>
      <Text className="pl-card__content">{pledge.content}</Text>
      <Text className="pl-card__line">目标：{pledge.target}</Text>
      <Text className="pl-card__line">
        完成日期：{dayLabel(pledge.dueDay)} · 践诺 {pledge.fulfilmentCount} 次
        {pledge.peopleHelped > 0 ? ` · 帮助 ${pledge.peopleHelped} 人` : ''}
      </Text>
      {showNextStep && <Text className="pl-card__next">{nextStepOf(pledge)}</Text>}
      {children}
    </View>
  );
}

/** What the member should do next, with the overdue and returned cases said plainly. */
export function nextStepOf(pledge: PledgeSummary): string {
  if (pledge.overdue) return `已过完成日期，${PLEDGE_NEXT_STEP[pledge.state]}`;
  if (pledge.state === 'returned' && pledge.returnReason)
    return `退回原因：${pledge.returnReason}。${PLEDGE_NEXT_STEP.returned}`;
  return PLEDGE_NEXT_STEP[pledge.state];
}
