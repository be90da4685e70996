import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { navigateTo, setClipboardData } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { STATS_ROLES, type RoleGrantView } from '@honglin/types/org';
import { REQUEST_CATEGORY_LABELS } from '@honglin/types/request';
import type { Dashboard, ExportResult, Figures, Period } from '@honglin/types/stats';
import { statsApi } from '@/api/stats';
import { userApi } from '@/api/user';
import { openWorkbook } from '@/lib/openWorkbook';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { BarChart } from './BarChart';
import { currentPeriod, monthShort, PERIOD_KINDS, shiftPeriod } from './period';
import './stats.scss';

/**
 * The unit a caller's statistics start from: a town admin's town, else a village admin's or a secretary's village
 * (the town organs' secretary, whose branch sits at the town, reads no figures).
 */
function startUnit(roles: readonly RoleGrantView[]): string | null {
  const grant = [...roles]
    .filter((g) => STATS_ROLES.includes(g.role) && (g.role !== 'branch_secretary' || g.unitPath.length > 1))
    .sort((a, b) => STATS_ROLES.indexOf(a.role) - STATS_ROLES.indexOf(b.role))[0];
  return grant?.unitId ?? null;
}

/** 统计报表: the figures of a unit and period, charts, the written summary and the Excel export. */
export default function StatsPage() {
  const { query, reload } = useQuery(() => userApi.me(), []);
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const unitId = startUnit(me.roles);
        if (!unitId) return <Text className="st-note">统计报表供镇、村管理员和支部书记查看。</Text>;
        return <Board home={unitId} />;
      }}
    </PageShell>
  );
}

interface Choice {
  unitId: string;
  name: string;
}

function Board({ home }: { home: string }) {
  const [unitId, setUnitId] = useState(home);
  const [period, setPeriod] = useState<Period>(currentPeriod('month'));
  const [choices, setChoices] = useState<Choice[]>([]);
  const key = JSON.stringify(period);
  const board = useQuery(async () => {
    const answer = await statsApi.dashboard({ unitId, period });
    // The villages to switch between come with the home unit's dashboard.
    if (answer.ok && unitId === home && choices.length === 0) {
      setChoices([
        { unitId: home, name: answer.data.unit.name },
        // The town organs' row is the town's own records: not a unit to switch to.
        ...answer.data.units.filter((u) => !u.townOrgans).map((u) => ({ unitId: u.unitId, name: u.name })),
      ]);
    }
    return answer;
  }, [unitId, key]);
  const summary = useQuery(() => statsApi.summary({ unitId, period }), [unitId, key]);

  return (
    <View className="st-board">
      {choices.length > 1 && (
        <View className="st-chips">
          {choices.map((c) => (
            <Chip key={c.unitId} area="st" on={c.unitId === unitId} onTap={() => setUnitId(c.unitId)}>
              {c.unitId === home ? `${c.name}（全部）` : c.name}
            </Chip>
          ))}
        </View>
      )}
      <PeriodPicker period={period} onChange={setPeriod} />
      {board.query.status === 'loading' && <Text className="st-note">正在统计…</Text>}
      {board.query.status === 'error' && (
        <View>
          <Text className="st-error">{board.query.error.message}</Text>
          <Button size="large" onClick={board.reload}>
            重试
          </Button>
        </View>
      )}
      {board.query.status === 'success' && <Figures board={board.query.data} home={home} />}
      <View className="st-card">
        <Text className="st-section-title">工作小结</Text>
        {summary.query.status === 'success' ? (
          <View>
            <Text className="st-summary" userSelect>
              {summary.query.data.text}
            </Text>
            <Button
              className="st-button"
              size="large"
              onClick={() =>
                setClipboardData({ data: summary.query.status === 'success' ? summary.query.data.text : '' })
              }
            >
              复制小结
            </Button>
          </View>
        ) : (
          <Text className="st-note">
            {summary.query.status === 'error' ? summary.query.error.message : '正在生成…'}
          </Text>
        )}
      </View>
      <ExportCard unitId={unitId} period={period} />
    </View>
  );
}

function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  return (
    <View className="st-card">
      <View className="st-chips">
        {PERIOD_KINDS.map((k) => (
          <Chip key={k.kind} area="st" on={period.kind === k.kind} onTap={() => onChange(currentPeriod(k.kind))}>
            {k.label}
          </Chip>
        ))}
      </View>
      {period.kind === 'range' ? (
        <View className="st-range">
          <Picker
            mode="date"
            fields="month"
            value={period.from}
            onChange={(e) => onChange({ ...period, from: String(e.detail.value).slice(0, 7) })}
          >
            <Text className="st-chip">从 {period.from}</Text>
          </Picker>
          <Picker
            mode="date"
            fields="month"
            value={period.to}
            onChange={(e) => onChange({ ...period, to: String(e.detail.value).slice(0, 7) })}
          >
            <Text className="st-chip">到 {period.to}</Text>
          </Picker>
        </View>
      ) : (
        <View className="st-range">
          <Text className="st-chip" onClick={() => onChange(shiftPeriod(period, -1))}>
            上一{period.kind === 'month' ? '月' : period.kind === 'quarter' ? '季度' : '年'}
          </Text>
          <Text className="st-chip" onClick={() => onChange(shiftPeriod(period, 1))}>
            下一{period.kind === 'month' ? '月' : period.kind === 'quarter' ? '季度' : '年'}
          </Text>
        </View>
      )}
    </View>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

interface Tile {
  label: string;
  value: string | number;
  url?: string;
}

function Tiles({ title, tiles }: { title: string; tiles: Tile[] }) {
  return (
    <View className="st-card">
      <Text className="st-section-title">{title}</Text>
      <View className="st-tiles">
        {tiles.map((t) => (
          <View
            key={t.label}
            className={`st-tile${t.url ? ' st-tile--link' : ''}`}
            onClick={t.url ? () => navigateTo({ url: t.url! }) : undefined}
          >
            <Text className="st-tile-value">{t.value}</Text>
            <Text className="st-tile-label">
              {t.label}
              {t.url ? ' ›' : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Figures({ board, home }: { board: Dashboard; home: string }) {
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

function FigureTiles({
  f,
  months,
  requestList,
  activityMonth,
  visitsUrl,
}: {
  f: Figures;
  /** How many months the period has (branches holding all three in every one of them). */
  months: number;
  requestList: (extra: Record<string, string>, title: string) => string;
  activityMonth: string;
  visitsUrl?: string;
}) {
  const { partyDay: d, pledges: p, requests: r, visits: v } = f;
  return (
    <View>
      <Tiles
        title="一月一课一片一实践"
        tiles={[
          { label: '微党课（场）', value: d.lessons, url: activityMonth },
          { label: '微党课参与（人次）', value: d.lessonParticipants, url: activityMonth },
          { label: '其中田间微党课（场）', value: d.fieldLessons, url: activityMonth },
          { label: '微视频（场）', value: d.films, url: activityMonth },
          { label: '微视频参与（人次）', value: d.filmParticipants, url: activityMonth },
          { label: '其中在红色教育基地（场）', value: d.redSiteFilms, url: activityMonth },
          { label: '微实践（场）', value: d.practices, url: activityMonth },
          { label: '微实践参与（人次）', value: d.practiceParticipants, url: activityMonth },
          { label: '参与合计（人次）', value: d.participants, url: activityMonth },
          { label: `每月都开展三项的支部（${months}个月）`, value: d.branchesAllThree, url: activityMonth },
        ]}
      />
      {d.byPlace.length > 0 && (
        <Tiles
          title="各地点开展场次（微党课/微视频/微实践）"
          tiles={d.byPlace.map((place) => ({
            label: place.name,
            value: `${place.lessons}/${place.films}/${place.practices}`,
          }))}
        />
      )}
      <Tiles
        title="承诺践诺"
        tiles={[
          { label: '作出承诺的党员（名）', value: p.members, url: '/packages/pledge/index' },
          { label: '承诺（项）', value: p.pledges, url: '/packages/pledge/index' },
          { label: '践诺记录（次）', value: p.fulfilments, url: '/packages/pledge/index' },
          { label: '践诺完成（项）', value: p.completed, url: '/packages/pledge/index' },
          { label: '践诺帮助解决诉求（次）', value: p.linkedFulfilments, url: '/packages/pledge/index' },
          { label: '已评议（项）', value: p.appraised, url: '/packages/pledge/index' },
          { label: '目前逾期（项）', value: p.overdueNow },
        ]}
      />
      <Tiles
        title="民生诉求"
        tiles={[
          { label: '收到（件）', value: r.received, url: requestList({ state: 'all' }, '群众诉求') },
          {
            label: '按时签收率（诉求）',
            value: `${pct(r.firstAcceptedOnTimeRate)}（${r.firstAcceptedOnTime}/${r.firstAccepted}）`,
          },
          {
            label: '咨询求助建议投诉（件）',
            value: r.livelihoodReceived,
            url: requestList({ state: 'all' }, '群众诉求'),
          },
          {
            label: '民生问题解决（个）',
            value: r.livelihoodResolved,
            url: requestList({ state: 'closed' }, '已完成的诉求'),
          },
          { label: '办结（件）', value: r.resolved, url: requestList({ state: 'closed' }, '已完成的诉求') },
          { label: '平均办结（小时）', value: r.averageResolveHours ?? '—' },
          { label: '满意率', value: pct(r.satisfactionRate) },
          {
            label: '服务企业（家）',
            value: r.enterprisesServed,
            url: requestList({ category: 'enterprise' }, '营商服务诉求'),
          },
          {
            label: '解决企业困难（个）',
            value: r.enterpriseProblemsSolved,
            url: requestList({ category: 'enterprise' }, '营商服务诉求'),
          },
          {
            label: '化解矛盾纠纷（个）',
            value: r.disputesMediated,
            url: requestList({ category: 'dispute' }, '矛盾纠纷'),
          },
        ]}
      />
      <Tiles
        title="访一访"
        tiles={[
          { label: '走访（次）', value: v.visits, url: visitsUrl },
          { label: '走访到的户（户）', value: v.households, url: visitsUrl },
          { label: '议一议收集问题（个）', value: v.problemsRaised, url: visitsUrl },
          { label: '帮一帮当场帮办（次）', value: v.helpedOnSpot, url: visitsUrl },
        ]}
      />
    </View>
  );
}

function ExportCard({ unitId, period }: { unitId: string; period: Period }) {
  const [state, setState] = useState<{ busy: boolean; result?: ExportResult; error?: string }>({ busy: false });
  async function run() {
    setState({ busy: true });
    const answer = await statsApi.export({ unitId, period });
    setState(answer.ok ? { busy: false, result: answer.data } : { busy: false, error: answer.error.message });
  }
  async function open(file: ExportResult) {
    const error = await openWorkbook(file);
    if (error) setState((s) => ({ ...s, error }));
  }
  const result = state.result;
  return (
    <View className="st-card">
      <Text className="st-section-title">导出Excel</Text>
      <Text className="st-note">包括以上数据和诉求、承诺、活动参加名单；群众的电话只对经办人显示完整号码。</Text>
      <Button className="st-button" type="primary" size="large" loading={state.busy} onClick={run}>
        {state.busy ? '正在导出…' : '导出Excel'}
      </Button>
      {state.error && <Text className="st-error">{state.error}</Text>}
      {result && (
        <View className="st-export">
          <Text className="st-note">
            {result.fileName}：诉求{result.rows.requests}条，承诺{result.rows.pledges}条，参加记录
            {result.rows.attendance}条{result.truncated ? '（名单太长，只导出了前5000条）' : ''}
          </Text>
          <Text className="st-link" userSelect>
            {result.url}
          </Text>
          <View className="st-range">
            <Button className="st-button" size="large" onClick={() => open(result)}>
              打开文件
            </Button>
            <Button className="st-button" size="large" onClick={() => setClipboardData({ data: result.url })}>
              复制下载链接
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
