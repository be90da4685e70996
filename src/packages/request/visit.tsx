import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { HEAD_ROLES } from '@honglin/types/org';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { VisitForm } from './VisitForm';
import '@/components/request/request.scss';

/** 访一访: log a visit to a household of the head's unit (picked, or added when missing), see who is not visited yet. */
export default function VisitPage() {
  const { query, reload } = useMe();
  const [chosen, setChosen] = useState('');
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const units = me.roles.filter((g) => HEAD_ROLES.includes(g.role));
        if (units.length === 0) return <Text className="rq-note">只有片长、组长、邻长可以记录走访。</Text>;
        const unitId = units.some((u) => u.unitId === chosen) ? chosen : units[0].unitId;
        return (
          <View>
            {units.length > 1 && (
              <View className="rq-chips">
                {units.map((u) => (
                  <Chip key={u.unitId} area="rq" on={u.unitId === unitId} onTap={() => setChosen(u.unitId)}>
                    {u.unitName}
                  </Chip>
                ))}
              </View>
            )}
            <VisitForm key={unitId} unitId={unitId} />
          </View>
        );
      }}
    </PageShell>
  );
}
