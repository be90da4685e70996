import { Text } from '@tarojs/components';
import { STATS_ROLES, type RoleGrantView } from '@honglin/types/org';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { Board } from './Board';
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
