import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from '@honglin/types/activity';
import { monthOf, shanghai } from '@honglin/types/time';
import { activityApi } from '@/api/activity';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import './activity.scss';

/** 月度情况: per branch which of the three were held, attendance and participant-times; a village or the town summed. */
export default function MonthPage() {
  const { params } = useRouter();
  const [month, setMonth] = useState(monthOf(new Date()));
  const { query, reload } = useQuery(
    () =>
      params.unitId
        ? activityApi.unitMonth({ unitId: params.unitId, month })
        : activityApi.branchMonth({ branchId: params.branchId ?? '', month }),
    [month],
  );
  const shift = (n: number) => setMonth(shanghai(`${month}-01T12:00:00+08:00`).add(n, 'month').format('YYYY-MM'));
  return (
    <View className="act-screen">
      <View className="act-bar">
        <Button className="act-small" onClick={() => shift(-1)}>
          上个月
        </Button>
        <Text className="act-title">{month}</Text>
        <Button className="act-small" onClick={() => shift(1)}>
          下个月
        </Button>
      </View>
      <PageShell query={query} onRetry={reload}>
        {(summary) => (
          <View>
            <View className="act-card">
              <Text className="act-line" data-testid="month-totals">
                微党课 {summary.totals.lessonHeld} 场 · 微视频 {summary.totals.filmHeld} 场 · 微实践{' '}
                {summary.totals.practiceHeld} 场
              </Text>
              <Text className="act-line">参与 {summary.totals.participants} 人次</Text>
            </View>
            {summary.branches.length === 0 && (
              <View className="act-card">
                <Text className="act-line">这个月还没有安排活动</Text>
              </View>
            )}
            {summary.branches.map((b) => (
              <View key={b.branchId} className="act-card">
                <Text className="act-title">{b.branchName}</Text>
                {b.slots.map((slot) => (
                  <View key={slot.kind} className="act-row">
                    <Text className="act-line">{ACTIVITY_KIND_LABELS[slot.kind]}</Text>
                    <View>
                      {slot.activities.length === 0 && <Text className="act-tag">未安排</Text>}
                      {slot.activities.map((a) => (
                        <Text key={a._id} className={`act-tag${slot.held ? ' act-tag--done' : ''}`}>
                          {a.title} · {ACTIVITY_STATUS_LABELS[a.status]} · {a.attendance.present}人参加
                        </Text>
                      ))}
                    </View>
                  </View>
                ))}
                <Text className="act-line">本月参与 {b.participants} 人次</Text>
              </View>
            ))}
          </View>
        )}
      </PageShell>
    </View>
  );
}
