import type { UnitKind } from '@honglin/types/org';
import type { Figures } from '@honglin/types/stats';

/** The written summary of a unit's period, pure: the dashboard's figures in the sentences of a year-end report. */

const pct = (r: number | null) => (r === null ? null : `${Math.round(r * 1000) / 10}%`);

/** Names joined the way the article lists them: 叶家祠、八担坵、张经武故居. */
const listed = (names: readonly string[]) => names.join('、');

/**
 * The plain-language report in the article's own voice (鹿原镇's year-end figures), from the same figures as the
 * dashboard: each kind with its own sessions and participant-times, 田间微党课 only for lessons at fields, the red
 * sites named where films were shown, livelihood problems apart from enterprises and disputes. Parts with nothing
 * to report are left out rather than written as zero. docs/METRICS.md gives the sentence each figure is used in.
 */
export function summaryText(
  unit: { name: string; kind: UnitKind },
  label: string,
  figures: Figures | null,
  monthCount = 1,
): string {
  const whole = unit.kind === 'town' ? '全镇' : unit.kind === 'village' ? '全村' : unit.name;
  const opening = `${label}，${unit.name}`;
  if (!figures) return `${opening}暂无统计数据。`;
  const { partyDay: d, pledges: p, requests: r, visits: v } = figures;
  const parts: string[] = [];
  if (d.lessons > 0) {
    const otherLessons = d.lessons - d.fieldLessons;
    parts.push(
      otherLessons === 0
        ? `已开展田间“微党课”${d.fieldLessons}场，参与${d.lessonParticipants}人次`
        : d.fieldLessons > 0
          ? `已开展“微党课”${d.lessons}场，其中田间“微党课”${d.fieldLessons}场，参与${d.lessonParticipants}人次`
          : `已开展“微党课”${d.lessons}场，参与${d.lessonParticipants}人次`,
    );
  }
  if (d.films > 0) {
    const sites = d.byPlace.filter((place) => place.kind === 'red_site' && place.films > 0).map((x) => x.name);
    const where = sites.length ? `依托${listed(sites)}等红色教育资源，` : '';
    const how = sites.length ? '沉浸式学习' : '学习';
    parts.push(`${where}开展“微视频”${how}${d.films}场次，参与${d.filmParticipants}人次`);
  }
  if (d.practices > 0) parts.push(`开展“微实践”活动${d.practices}场，参与${d.practiceParticipants}人次`);
  if (d.branchesAllThree > 0) {
    const every = monthCount > 1 ? `${monthCount}个月每月都` : '';
    parts.push(`${d.branchesAllThree}个支部${every}开展了“一课一片一实践”`);
  }
  if (r.enterpriseProblemsSolved > 0 || r.enterprisesServed > 0) {
    parts.push(
      r.enterpriseProblemsSolved > 0
        ? `共为${r.enterprisesServed}家企业解决实际困难${r.enterpriseProblemsSolved}个`
        : `共走访服务企业${r.enterprisesServed}家`,
    );
  }
  if (r.disputesMediated > 0) parts.push(`化解矛盾纠纷${r.disputesMediated}个`);
  if (p.pledges > 0) {
    const done = p.completed ? `，践诺完成${p.completed}项` : '';
    parts.push(
      `已有${p.members}名党员进行了承诺践诺，共计收集党员承诺${p.pledges}件，记录践诺${p.fulfilments}次${done}`,
    );
  }
  if (r.livelihoodReceived > 0 || r.livelihoodResolved > 0) {
    const satisfaction = pct(r.satisfactionRate);
    const viaPledges = p.linkedFulfilments ? `，其中党员践诺帮助解决${p.linkedFulfilments}次` : '';
    parts.push(
      `收到群众咨询、求助、建议、投诉${r.livelihoodReceived}件，帮助群众解决各类民生实事问题${r.livelihoodResolved}个` +
        `${viaPledges}${satisfaction ? `，群众满意率${satisfaction}` : ''}`,
    );
  } else if (p.linkedFulfilments > 0) parts.push(`党员践诺帮助解决群众诉求${p.linkedFulfilments}次`);
  if (v.visits > 0) {
    const led = [
      v.problemsRaised ? `议一议收集问题${v.problemsRaised}个` : '',
      v.helpedOnSpot ? `帮一帮当场帮办${v.helpedOnSpot}次` : '',
    ].filter(Boolean);
    parts.push(`片组邻“三长”走访群众${v.visits}次，覆盖${v.households}户${led.length ? `，${led.join('，')}` : ''}`);
  }
  if (parts.length === 0) return `${opening}暂无可统计的工作记录。`;
  return `${opening}${whole}${parts.join('；')}。`;
}
