import { EJSON } from 'bson';
import type { LocalDatabase } from '../db';
import { escapeHtml } from '../http/io';
import { ROLE_LABELS, ROLE_NAMES, type RoleGrant, type RoleName } from '../../types/org';

/** The cookie holding the current persona's openid (dev gateway only). */
export const PERSONA_COOKIE = 'honglin_persona';

export interface PersonaUser {
  _id: string;
  nickname?: string;
  homeUnitId?: string;
  roles?: RoleGrant[];
}

interface UnitName {
  _id: string;
  name: string;
}

/** Reads every document of a collection through the wire protocol (empty when it does not exist). */
export async function readAll<T>(db: LocalDatabase, collectionName: string): Promise<T[]> {
  const answer = await db.handle({
    action: 'database.getDocument',
    collectionName,
    queryType: 'WHERE',
    limit: 1000,
    offset: 0,
  });
  const data = answer.data as { list?: string[] } | undefined;
  return (data?.list ?? []).map((text) => EJSON.parse(text, { relaxed: true }) as T);
}

/** Users grouped by role (a user holding several roles appears under each); users with none are 群众. */
export function groupByRole(users: PersonaUser[]): { label: string; users: PersonaUser[] }[] {
  const groups = ROLE_NAMES.map((role: RoleName) => ({
    label: ROLE_LABELS[role],
    users: users.filter((u) => (u.roles ?? []).some((g) => g.role === role)),
  }))
    .reverse()
    .filter((g) => g.users.length > 0);
  const villagers = users.filter((u) => (u.roles ?? []).length === 0);
  if (villagers.length > 0) groups.push({ label: '群众', users: villagers });
  return groups;
}

/** The persona switcher page (本地调试用): seeded users by role; a click sets the cookie and opens the app. */
export function personasPage(users: PersonaUser[], units: UnitName[], current: string): string {
  const unitName = new Map(units.map((u) => [u._id, u.name]));
  const sections = groupByRole(users)
    .map(
      (group) =>
        `<section><h2>${escapeHtml(group.label)}</h2><ul>${group.users
          .map((u) => {
            const where = u.homeUnitId ? (unitName.get(u.homeUnitId) ?? u.homeUnitId) : '';
            const mark = u._id === current ? ' <strong>（当前）</strong>' : '';
            return `<li><a href="/__personas/select?openid=${encodeURIComponent(u._id)}">${escapeHtml(u.nickname ?? u._id)}</a> <small>${escapeHtml(where)} · ${escapeHtml(u._id)}</small>${mark}</li>`;
          })
          .join('')}</ul></section>`,
    )
    .join('');
  const empty = users.length === 0 ? '<p>还没有用户。运行 <code>npm run dev</code> 会在空库时写入演示数据。</p>' : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>切换身份 · 红邻本地调试</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:640px;margin:2em auto;padding:0 1em}a{font-size:18px}li{margin:.4em 0}small{color:#666}h2{border-bottom:1px solid #ddd}</style></head>
<body><h1>切换身份</h1><p>本页只在本地调试时存在。当前身份：${current ? escapeHtml(current) : '未登录（无 OPENID）'}</p>
${empty}${sections}
<section><h2>其他</h2><form action="/__personas/select"><label>任意 openid：<input name="openid" required></label> <button>使用</button></form>
<p><a href="/__personas/select?openid=">清除身份（无 OPENID）</a> · <a href="/__outbox">订阅消息发件箱</a> · <a href="/">打开应用</a></p></section>
</body></html>`;
}
