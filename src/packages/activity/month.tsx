import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { navigateTo, useRouter } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, type MonthSummary } from '@honglin/types/activity';
import type { Envelope } from '@honglin/types/envelope';
import { monthOf, shanghai } from '@honglin/types/time';
import { activityApi } from '@/api/activity';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { userApi } from '@/api/user';
import { adminUnit } from './context';
import { monthLabel } from '@/lib/datetime';
import './activity.scss';

/** A month summary of a unit or a branch. */
interface MonthScope {
  unitId?: string;
  branchId?: string;
}

/** Without a branch or unit in the address: the viewer's own (the unit they administer, else their branch). */
async function ownScope(): Promise<Envelope<MonthScope>> {
  const me = await userApi.me();
  if (!me.ok) return me;
  const unit = adminUnit(me.data);
  const branchId = me.data.roles.find((g) => g.branchId)?.branchId;
  return { ok: true, data: unit ? { unitId: unit.unitId } : { branchId } };
}

/** 月度情况: per branch which of the three were held, attendance and participant-times; a village or the town summed. */
export default function MonthPage() {
  const { params } = useRouter();
  const [month, setMonth] = useState(monthOf(new Date()));
  const { query, reload } = useQuery(async (): Promise<Envelope<MonthSummary>> => {
    const own = params.unitId || params.branchId ? { ok: true as const, data: params as MonthScope } : await ownScope();
    if (!own.ok) return own;
    const { unitId, branchId } = own.data;
    if (unitId) return activityApi.unitMonth({ unitId, month });
    if (branchId) return activityApi.branchMonth({ branchId, month });
    const message = '主题党日的月度情况给党员、支部书记和管理员看；您还不在任何党支部。';
    return { ok: false, error: { code: 'FORBIDDEN', message } };
  }, [month]);
  const shift = (n: number) => setMonth(shanghai(`${month}-01T12:00:00+08:00`).add(n, 'month').format('YYYY-MM'));
  const bar = (
    <View className="act-bar">
      <Button className="act-small" onClick={() => shift(-1)}>
        上个月
      </Button>
      <Text className="act-title">{monthLabel(month)}</Text>
      <Button className="act-small" onClick={() => shift(1)}>
        下个月
      </Button>
    </View>
  );
  return (
    <PageShell query={query} onRetry={reload} header={bar}>
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
                      <View
                        key={a._id}
                        className="act-link"
                        onClick={() => navigateTo({ url: `/packages/activity/detail?id=${a._id}` })}
                      >
                        <Text className={`act-tag${slot.held ? ' act-tag--done' : ''}`}>
                          {a.title} · {ACTIVITY_STATUS_LABELS[a.status]} · {a.attendance.present}人参加
                        </Text>
                      </View>
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
  );
}
