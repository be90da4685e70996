import { Button, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { monthOf } from '@honglin/types/time';
import { activityApi } from '@/api/activity';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { adminUnit, isMember, secretaryBranch } from './context';
import { useReturnReload } from '@/hooks/useReturnReload';
import { BranchMonthCard, MyHistoryCard, MyMonthCard } from './ActivityHomeCards';
import './activity.scss';

const go = (url: string) => () => navigateTo({ url });

/** 主题党日: this month's lesson, film and practice for me (attended or not), my history, and the tools I may use. */
export default function ActivityHomePage() {
  const month = monthOf(new Date());
  const { query, reload } = useQuery(async () => {
    const me = await userApi.me();
    if (!me.ok) return me;
    const led = secretaryBranch(me.data);
    const [mine, history, branchMonth] = await Promise.all([
      isMember(me.data) ? activityApi.myMonth({ month }) : null,
      isMember(me.data) ? activityApi.myHistory({ size: 10 }) : null,
      led ? activityApi.branchMonth({ branchId: led.branchId, month }) : null,
    ]);
    if (mine && !mine.ok) return mine;
    if (history && !history.ok) return history;
    if (branchMonth && !branchMonth.ok) return branchMonth;
    const data = {
      me: me.data,
      mine: mine?.data ?? null,
      history: history?.data.items ?? [],
      led: branchMonth?.data.branches[0] ?? null,
    };
    return { ok: true as const, data };
  }, []);
  useReturnReload(reload);

  return (
    <PageShell query={query} onRetry={reload}>
      {({ me, mine, history, led }) => {
        const branch = secretaryBranch(me);
        const unit = adminUnit(me);
        return (
          <View>
            {mine && <MyMonthCard month={month} mine={mine} />}
            {branch && <BranchMonthCard branch={branch} led={led} />}
            {unit && (
              <View className="act-card">
                <Button
                  className="act-button act-button--plain"
                  onClick={go(`/packages/activity/month?unitId=${unit.unitId}`)}
                >
                  {unit.name}各支部月度情况
                </Button>
              </View>
            )}
            <View className="act-card">
              <Button className="act-button act-button--plain" onClick={go('/packages/activity/films')}>
                微视频片库
              </Button>
              {mine && (
                <Button className="act-button act-button--plain" onClick={go('/packages/activity/filmlog')}>
                  我的观影记录（仅自己可见）
                </Button>
              )}
            </View>
            {mine && history.length > 0 && <MyHistoryCard history={history} />}
          </View>
        );
      }}
    </PageShell>
  );
}
