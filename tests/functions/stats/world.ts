import { grant, rid } from '../helpers/world';
import { B1, TOWN, V1, startWorld, type World } from '../request/world';
import { shanghaiMonth, type Raw } from './recount';

/** A second member of 西草坪村党支部 (no home), so the distinct figures count two members. */
export const MEMBER2 = 'o-member-2';

/** The request town (request/world.ts) with MEMBER2 added: the town the stats figures are counted in. */
export async function startStatsWorld(name: string): Promise<World> {
  const w = await startWorld(name);
  await w.db.collection('users').add({
    data: {
      _id: MEMBER2,
      nickname: '冯党员',
      roles: [grant('member', [TOWN, V1], B1)],
      homeUnitId: null,
      homeUnitPath: [],
      createdAt: new Date(),
    },
  });
  return w;
}

/** This month in Asia/Shanghai. */
export const thisMonth = () => shanghaiMonth(new Date());

/** Today in Asia/Shanghai, as YYYY-MM-DD. */
export const todayShanghai = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A valid pledge for residents, due in 30 days, submitted at once unless told. */
export const residentsPledge = (submit = true) => ({
  requestId: rid(),
  category: 'residents',
  content: '帮独居老人每周买一次菜',
  target: '坚持三个月',
  dueDay: new Date(Date.now() + 30 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10),
  submit,
});

/** Every document of a collection matching a condition, page by page. */
export async function allDocs<T>(w: World, collection: string, where: object = {}): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = (await w.db.collection(collection).where(where).skip(skip).limit(1000).get()) as unknown as {
      data: T[];
    };
    out.push(...data);
    if (data.length < 1000) return out;
  }
}

/** The records the figures are counted from, as the recount reads them. */
export async function raw(w: World): Promise<Raw> {
  const [requests, timeline, pledges, activities, visits] = await Promise.all([
    allDocs<Raw['requests'][number]>(w, 'requests'),
    allDocs<Raw['timeline'][number]>(w, 'timeline'),
    allDocs<Raw['pledges'][number]>(w, 'pledges'),
    allDocs<Raw['activities'][number]>(w, 'activities'),
    allDocs<Raw['visits'][number]>(w, 'visits'),
  ]);
  return {
    requests,
    timeline,
    pledges: pledges.map((p) => ({ ...p, fulfilments: p.fulfilments ?? [] })),
    activities,
    visits,
  };
}
