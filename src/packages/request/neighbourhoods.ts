import type { Unit } from '@honglin/types/org';
import { orgApi } from '@/api/org';
import { useQuery } from '@/lib/useQuery';

/** The 邻 under a unit (a household belongs to one), named with their group so 一邻 of 第一组 and 第二组 differ. */
export function useNeighbourhoods(unitId: string) {
  const { query } = useQuery(() => orgApi.tree({ rootId: unitId, depth: 4 }), [unitId]);
  if (query.status !== 'success') return { query, options: [] as Array<{ id: string; label: string }> };
  const { root, units } = query.data;
  const byId = new Map<string, Unit>([root, ...units].map((u) => [u._id, u]));
  const options = [root, ...units]
    .filter((u) => u.kind === 'neighbourhood')
    .map((u) => {
      const parent = u.parentId ? byId.get(u.parentId) : undefined;
      return { id: u._id, label: parent && u._id !== root._id ? `${parent.name}${u.name}` : u.name };
    });
  return { query, options };
}
