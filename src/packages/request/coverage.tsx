import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { shanghai } from '@honglin/types/time';
import { HEAD_ROLES, ROLE_LABELS } from '@honglin/types/org';
import type { Me } from '@honglin/types/user';
import { orgApi } from '@/api/org';
import { visitApi } from '@/api/visit';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { userApi } from '@/api/user';
import { NotVisitedList } from './NotVisitedList';
import '@/components/request/request.scss';

const MONTHS = [shanghai().format('YYYY-MM'), shanghai().subtract(1, 'month').format('YYYY-MM')];

/** One list the viewer may open: a village, or a head's own unit within it. */
interface CoverageScope {
  key: string;
  label: string;
  villageId: string;
  unitId?: string;
}

/**
 * What this person may see, from their roles: a head their own unit, a village admin or village branch secretary
 * their village, the town admin every village (from the tree). Nothing else is offered, so no choice is refused.
 */
async function scopesOf(me: Me): Promise<CoverageScope[]> {
  const scopes: CoverageScope[] = [];
  const add = (scope: CoverageScope) => {
    if (!scopes.some((s) => s.key === scope.key)) scopes.push(scope);
  };
  for (const g of me.roles) {
    const villageId = g.unitPath[1];
    if (!villageId) continue;
    if (HEAD_ROLES.includes(g.role)) {
      add({ key: g.unitId, label: `${g.unitName}（${ROLE_LABELS[g.role]}）`, villageId, unitId: g.unitId });
    } else if (g.role === 'village_admin' || g.role === 'branch_secretary') {
      add({ key: villageId, label: g.role === 'village_admin' ? g.unitName : (g.branchName ?? g.unitName), villageId });
    }
  }
  if (me.roles.some((g) => g.role === 'town_admin')) {
    const tree = await orgApi.tree({ depth: 1 });
    if (tree.ok) for (const u of tree.data.units) add({ key: u._id, label: u.name, villageId: u._id });
  }
  return scopes;
}

/**
 * 走访覆盖: each unit's households visited this month out of its open households, the whole scope's, and the
 * households not visited yet (a head's own unit, or the unit an admin taps). A list by unit, not a ranking.
 */
export default function CoveragePage() {
  const { query, reload } = useQuery(async () => {
    const me = await userApi.me();
    return me.ok ? { ok: true as const, data: await scopesOf(me.data) } : me;
  }, []);
  return (
    <PageShell
      query={query}
      onRetry={reload}
      isEmpty={(scopes) => scopes.length === 0}
      emptyText="走访情况给片长、组长、邻长和村里的管理员看；您目前没有这样的身份。"
    >
      {(scopes) => <ScopedCoverage scopes={scopes} />}
    </PageShell>
  );
}

/** `villageId` in the address (from the figures of a village) picks that village when the viewer may open it. */
function ScopedCoverage({ scopes }: { scopes: CoverageScope[] }) {
  const given = useRouter().params.villageId;
  const [chosen, setChosen] = useState(scopes.find((s) => s.key === given)?.key ?? scopes[0].key);
  const scope = scopes.find((s) => s.key === chosen) ?? scopes[0];
  return (
    <View>
      {scopes.length > 1 && (
        <View className="rq-chips">
          {scopes.map((s) => (
            <Chip key={s.key} area="rq" on={s.key === scope.key} onTap={() => setChosen(s.key)}>
              {s.label}
            </Chip>
          ))}
        </View>
      )}
      <Coverage key={scope.key} scope={scope} />
    </View>
  );
}

function Coverage({ scope }: { scope: CoverageScope }) {
  const [month, setMonth] = useState(MONTHS[0]);
  // Whose not-visited list is open: a head's own unit from the start; an admin taps a unit's row.
  const [open, setOpen] = useState(scope.unitId ?? '');
  const { query } = useQuery(
    () => visitApi.coverage({ villageId: scope.villageId, unitId: scope.unitId, month }),
    [scope.key, month],
  );
  return (
    <View>
      <View className="rq-chips">
        {MONTHS.map((m, i) => (
          <Chip key={m} area="rq" on={month === m} onTap={() => setMonth(m)}>
            {i === 0 ? '本月' : '上月'}
          </Chip>
        ))}
      </View>
      <Text className="rq-note">{scope.label}：按片、组、邻排列，用来看哪里还需要去走访，不做排名。</Text>
      {query.status === 'loading' && <Text className="rq-note">正在加载…</Text>}
      {query.status === 'error' && <Text className="rq-error">{query.error.message}</Text>}
      {query.status === 'success' && query.data.rows.length === 0 && (
        <Text className="rq-note">这里还没有邻长、组长、片长</Text>
      )}
      {query.status === 'success' && (
        <Text className="rq-title rq-coverage-total">
          {scope.unitId ? '本单位' : '全村'}已走访 {query.data.total.visited}/{query.data.total.households} 户
        </Text>
      )}
      {query.status === 'success' &&
        query.data.rows.map((r) => (
          <View
            key={`${r.unitId}-${r.headName}`}
            className="rq-row"
            onClick={() => setOpen(open === r.unitId ? (scope.unitId ?? '') : r.unitId)}
          >
            <Text>
              {r.unitName} · {r.roleLabel} {r.headName}
            </Text>
            <Text>
              已走访 {r.visited}/{r.households} 户
            </Text>
          </View>
        ))}
      {!open && query.status === 'success' && query.data.rows.length > 0 && (
        <Text className="rq-note">点一个片、组、邻，看那里还有哪些户没走访。</Text>
      )}
      {open && <NotVisitedList key={open} unitId={open} month={month === MONTHS[0] ? undefined : month} />}
    </View>
  );
}
