import { Button, Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  ATTENDANCE_MODE_LABELS,
  PRESENT_MODES,
  type AttendanceMode,
  type BranchMonth,
  type MyAttendance,
  type MyMonth,
  type MyMonthItem,
} from '@honglin/types/activity';
import { dateTimeWithWeekday as when, monthLabel } from '@/lib/datetime';
import { askToBeTold, canAskToBeTold } from '@/lib/subscribe';
import type { secretaryBranch } from './context';

const go = (url: string) => () => navigateTo({ url });

/** For the member: 已参加 however they were recorded present; 请假 and 送学上门 as they are. */
function attendedLabel(mode: AttendanceMode): string {
  return PRESENT_MODES.includes(mode) ? '已参加' : ATTENDANCE_MODE_LABELS[mode];
}

function myStatus(item: MyMonthItem): string {
  if (item.myMode) return attendedLabel(item.myMode);
  return item.status === 'open' ? '去签到' : ACTIVITY_STATUS_LABELS[item.status];
}

/** 本月活动: the member's lesson, film and practice of the month, each with whether they attended. */
export function MyMonthCard({ month, mine }: { month: string; mine: MyMonth }) {
  return (
    <View className="act-card">
      <Text className="act-title">本月活动（{monthLabel(month)}）</Text>
      {ACTIVITY_KINDS.map((kind) => {
        const items = mine.items.filter((item) => item.kind === kind);
        if (items.length === 0) {
          return (
            <View key={kind} className="act-row">
              <Text className="act-line">【{ACTIVITY_KIND_LABELS[kind]}】本月尚未安排</Text>
            </View>
          );
        }
        return items.map((item) => (
          <View key={item._id} className="act-row" onClick={go(`/packages/activity/detail?id=${item._id}`)}>
            <View>
              <Text className="act-line">
                【{ACTIVITY_KIND_LABELS[item.kind]}】{item.title}
              </Text>
              <Text className="act-line">
                {when(item.startAt)} · {item.place.name}
              </Text>
            </View>
            <Text className={`act-tag${item.myMode ? ' act-tag--done' : ''}`}>{myStatus(item)}</Text>
          </View>
        ));
      })}
      {canAskToBeTold && (
        <Button className="act-button act-button--plain" onClick={() => void askToBeTold('activity')}>
          活动前一天提醒我
        </Button>
      )}
    </View>
  );
}

/** The secretary's branch this month: each kind's activities, and the way to plan one or see the month. */
export function BranchMonthCard({
  branch,
  led,
}: {
  branch: NonNullable<ReturnType<typeof secretaryBranch>>;
  led: BranchMonth | null;
}) {
  return (
    <View className="act-card">
      <Text className="act-title">{branch.name}本月活动</Text>
      {led?.slots.map((slot) =>
        slot.activities.length === 0 ? (
          <View key={slot.kind} className="act-row">
            <Text className="act-line">【{ACTIVITY_KIND_LABELS[slot.kind]}】本月尚未安排</Text>
          </View>
        ) : (
          slot.activities.map((a) => (
            <View key={a._id} className="act-row" onClick={go(`/packages/activity/detail?id=${a._id}`)}>
              <View>
                <Text className="act-line">
                  【{ACTIVITY_KIND_LABELS[slot.kind]}】{a.title}
                </Text>
                <Text className="act-line">
                  {when(a.startAt)} · {a.place.name}
                </Text>
              </View>
              <Text className={`act-tag${slot.held ? ' act-tag--done' : ''}`}>{ACTIVITY_STATUS_LABELS[a.status]}</Text>
            </View>
          ))
        ),
      )}
      <Text className="act-line">点一项活动可开始签到、登记请假、填写活动记录。</Text>
      <Button className="act-button" onClick={go(`/packages/activity/plan?branchId=${branch.branchId}`)}>
        安排活动
      </Button>
      <Button
        className="act-button act-button--plain"
        onClick={go(`/packages/activity/month?branchId=${branch.branchId}`)}
      >
        本支部月度情况
      </Button>
    </View>
  );
}

/** 我参加过的活动: the member's recent activities and how they were recorded. */
export function MyHistoryCard({ history }: { history: MyAttendance[] }) {
  return (
    <View className="act-card">
      <Text className="act-title">我参加过的活动</Text>
      {history.map((h) => (
        <View key={h._id} className="act-row" onClick={go(`/packages/activity/detail?id=${h.activityId}`)}>
          <Text className="act-line">
            {when(h.startAt)} {ACTIVITY_KIND_LABELS[h.kind]}·{h.title}
          </Text>
          <Text className="act-tag act-tag--done">{attendedLabel(h.mode)}</Text>
        </View>
      ))}
    </View>
  );
}
