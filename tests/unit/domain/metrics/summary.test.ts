import { figuresOf } from '../../../../cloudfunctions/common/domain/metrics/figures';
import { summaryText } from '../../../../cloudfunctions/common/domain/metrics/summary';

describe('summary', () => {
  it('writes the summary in the article’s voice: each kind on its own, the red sites named, livelihood apart', () => {
    const f = figuresOf({
      sums: {
        'activity.lessonHeld': 22,
        'activity.fieldLessonHeld': 22,
        'activity.lessonParticipants': 1528,
        'activity.fieldLessonParticipants': 1528,
        'activity.filmHeld': 32,
        'activity.redSiteFilmHeld': 32,
        'activity.filmParticipants': 420,
        'activity.practiceHeld': 12,
        'activity.practiceParticipants': 229,
        'activity.participants': 2177,
        'pledge.submitted': 1612,
        'pledge.fulfilments': 2000,
        'pledge.linkedFulfilments': 30,
        'request.received': 140,
        'request.resolved': 132,
        'request.category.help.received': 50,
        'request.category.help.resolved': 45,
        'request.category.complaint.received': 40,
        'request.category.complaint.resolved': 37,
        'request.rated': 80,
        'request.satisfied': 78,
        'request.enterpriseResolved': 36,
        'request.disputeResolved': 14,
        'visit.logged': 400,
        'visit.problemsRaised': 25,
      },
      placeSums: { 'place.p1.film.held': 20, 'place.p2.film.held': 12, 'place.p3.lesson.held': 22 },
      places: new Map([
        ['p1', { name: '叶家祠', kind: 'red_site' as const }],
        ['p2', { name: '八担坵', kind: 'red_site' as const }],
        ['p3', { name: '西草坪村蔬菜基地', kind: 'field' as const }],
      ]),
      distinct: { 'pledge.members': 789, 'request.enterprises': 22, 'visit.households': 310 },
      branchesAllThree: 0,
      overduePledgesNow: 0,
    });
    expect(summaryText({ name: '鹿原镇', kind: 'town' }, '2025年', f, 12)).toBe(
      '2025年，鹿原镇全镇已开展田间“微党课”22场，参与1528人次；' +
        '依托叶家祠、八担坵等红色教育资源，开展“微视频”沉浸式学习32场次，参与420人次；' +
        '开展“微实践”活动12场，参与229人次；共为22家企业解决实际困难36个；化解矛盾纠纷14个；' +
        '已有789名党员进行了承诺践诺，共计收集党员承诺1612件，记录践诺2000次；' +
        '收到群众咨询、求助、建议、投诉90件，帮助群众解决各类民生实事问题82个，其中党员践诺帮助解决30次，群众满意率97.5%；' +
        '片组邻“三长”走访群众400次，覆盖310户，议一议收集问题25个。',
    );
    expect(summaryText({ name: '西草坪村', kind: 'village' }, '2025年3月', null)).toBe(
      '2025年3月，西草坪村暂无统计数据。',
    );
  });

  it('says 田间 only of lessons held in the fields, and names no red site for films shown elsewhere', () => {
    const f = figuresOf({
      sums: {
        'activity.lessonHeld': 3,
        'activity.fieldLessonHeld': 1,
        'activity.lessonParticipants': 40,
        'activity.filmHeld': 2,
        'activity.filmParticipants': 18,
      },
      distinct: {},
      branchesAllThree: 0,
      overduePledgesNow: 0,
    });
    expect(summaryText({ name: '西草坪村', kind: 'village' }, '2025年3月', f)).toBe(
      '2025年3月，西草坪村全村已开展“微党课”3场，其中田间“微党课”1场，参与40人次；开展“微视频”学习2场次，参与18人次。',
    );
  });
});
