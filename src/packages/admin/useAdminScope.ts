import { useState } from 'react';
import type { RoleView } from '@honglin/types/user';
import { useRouter } from '@tarojs/taro';
import { useMe } from '@/hooks/useMe';
import { ADMIN_ROLES } from '@honglin/types/org';

/**
 * The unit an admin page works in: one of the caller's admin grants (village or town), the one named by the
 * page's `unitId` parameter or the first.
 * Everything an admin page shows or changes lies in that unit and below; the functions check it again.
 */
export function useAdminScope() {
  const { query, reload } = useMe();
  const { params } = useRouter();
  const [chosen, setChosen] = useState<string | null>(params.unitId ?? null);
  const grants: RoleView[] =
    query.status === 'success' ? query.data.roles.filter((g) => ADMIN_ROLES.includes(g.role)) : [];
  const unitId = chosen && grants.some((g) => g.unitId === chosen) ? chosen : (grants[0]?.unitId ?? null);
  return { query, reload, grants, unitId, choose: setChosen };
}
