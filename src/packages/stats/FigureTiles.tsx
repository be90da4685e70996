import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import type { Figures } from '@honglin/types/stats';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

interface Tile {
  label: string;
  value: string | number;
  url?: string;
}

/** A titled group of figure tiles. */
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

/** The figures of one unit and period as tiles, by area; a tap on a request or activity figure lists what it counts. */
export function FigureTiles({
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
