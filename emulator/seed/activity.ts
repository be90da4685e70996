import type { DomainSeed } from './demo';

/**
 * The film library of the demo town: the films the article names (exemplar 《榜样》《初心使命》《先锋力量》,
 * warning 《忠诚与背叛》《初心与蜕变》) with the platforms the town watches them on.
 */
const FILMS = [
  {
    _id: 'film-bangyang',
    title: '榜样',
    series: '榜样',
    kind: 'exemplar',
    lengthMinutes: 90,
    where: [{ platform: '学习强国' }, { platform: '株洲党建' }],
    description: '优秀共产党员的先进事迹专题节目。',
  },
  {
    _id: 'film-chuxin-shiming',
    title: '初心使命',
    kind: 'exemplar',
    lengthMinutes: 45,
    where: [{ platform: '红星云' }],
    description: '讲述基层党员不忘初心、牢记使命的故事。',
  },
  {
    _id: 'film-xianfeng-liliang',
    title: '先锋力量',
    kind: 'exemplar',
    lengthMinutes: 30,
    where: [{ platform: '株洲党建' }],
    description: '身边的先锋模范，平凡岗位上的不平凡。',
  },
  {
    _id: 'film-zhongcheng-beipan',
    title: '忠诚与背叛',
    kind: 'warning',
    lengthMinutes: 60,
    where: [{ platform: '学习强国' }],
    description: '警示教育片：以案为鉴，警钟长鸣。',
  },
  {
    _id: 'film-chuxin-tuibian',
    title: '初心与蜕变',
    kind: 'warning',
    lengthMinutes: 50,
    where: [{ platform: '红星云' }],
    description: '警示教育片：守住初心，防止蜕变。',
  },
] as const;

export const seedActivity: DomainSeed = async (db, now) => {
  for (const [i, film] of FILMS.entries()) {
    const { _id, ...data } = film;
    // A minute apart so the library lists in a stable order.
    const at = new Date(now.getTime() - (FILMS.length - i) * 60_000);
    await db
      .collection('films')
      .doc(_id)
      .set({
        data: { ...data, where: data.where.map((w) => ({ ...w })), createdBy: 'seed', createdAt: at, updatedAt: at },
      });
  }
};
