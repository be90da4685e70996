import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { REQUEST_CATEGORY_LABELS } from '@honglin/types/request';
import type { Dashboard } from '@honglin/types/stats';
import { BarChart } from './BarChart';
import { monthShort } from './period';
import { FigureTiles } from './FigureTiles';

/** The dashboard's figures: tiles, the month-by-month charts and the request categories. */
export function Figures({ board, home }: { board: Dashboard; home: string }) {
  const { unit, figures: f } = board;
  const lastMonth = board.months[board.months.length - 1];
  const single = board.months.length === 1 ? board.months[0] : undefined;
  const requestList = (extra: Record<string, string>, title: string) => {
    const params = {
      ...(unit._id === home ? {} : { within: unit._id }),
      ...(single ? { month: single } : {}),
      ...extra,
      title,
    };
    return `/packages/stats/list?${Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&')}`;
  };
  const activityMonth = `/packages/activity/month?unitId=${unit._id}&month=${lastMonth}`;
  return (
    <View>
      <Text className="st-heading">
        {unit.name} · {board.periodLabel}
      </Text>
      {f === null ? (
        <Text className="st-note st-empty">这个时段还没有任何工作记录（暂无数据）。</Text>
      ) : (
        <FigureTiles
          f={f}
          months={board.months.length}
          requestList={requestList}
          activityMonth={activityMonth}
          visitsUrl={unit.kind === 'village' ? `/packages/request/coverage?villageId=${unit._id}` : undefined}
        />
      )}
      {board.months.length > 1 && (
        <BarChart
          title="各月收到的群众诉求（件）"
          layout="column"
          bars={board.trend.map((p) => ({
            key: p.month,
            label: monthShort(p.month),
            value: p.figures?.received ?? null,
            onTap: () => navigateTo({ url: requestList({ month: p.month }, `${monthShort(p.month)}的诉求`) }),
          }))}
        />
      )}
      {board.months.length > 1 && (
        <BarChart
          title="各月活动参与（人次）"
          layout="column"
          bars={board.trend.map((p) => ({
            key: p.month,
            label: monthShort(p.month),
            value: p.figures?.participants ?? null,
          }))}
        />
      )}
      {f && (
        <BarChart
          title="诉求按类别：收到（件）"
          layout="row"
          unit="件"
          bars={f.requests.byCategory.map((c) => ({
            key: c.category,
            label: REQUEST_CATEGORY_LABELS[c.category],
            value: c.received,
            onTap: () =>
              navigateTo({ url: requestList({ category: c.category }, `${REQUEST_CATEGORY_LABELS[c.category]}诉求`) }),
          }))}
        />
      )}
      {board.units.length > 0 && (
        <BarChart
          title="各村办结诉求（件），按村排列"
          layout="row"
          unit="件"
          bars={board.units.map((u) => ({ key: u.unitId, label: u.name, value: u.figures?.requests.resolved ?? null }))}
        />
      )}
      {board.units.length > 0 && (
        <BarChart
          title="各村开展“一课一片一实践”（场）"
          layout="row"
          unit="场"
          bars={board.units.map((u) => ({
            key: u.unitId,
            label: u.name,
            value: u.figures
              ? u.figures.partyDay.lessons + u.figures.partyDay.films + u.figures.partyDay.practices
              : null,
          }))}
        />
      )}
    </View>
  );
}
