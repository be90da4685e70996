import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { navigateBack } from '@tarojs/taro';
import type { Unit } from '@honglin/types/org';
import { UNIT_KIND_LABELS } from '@honglin/types/org';
import { orgApi } from '@/api/org';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { refreshMe } from '@/hooks/useMe';
import { useQuery } from '@/lib/useQuery';
import './form.scss';

/**
 * Choose one's home: tap down the tree (村 → 片 → 组 → 邻) one level at a time, and stop at any level below
 * the town (many people do not know their neighbourhood's name).
 */
export default function HomeUnitPage() {
  const [rootId, setRootId] = useState<string | undefined>(undefined);
  const { query, reload } = useQuery(() => orgApi.tree({ rootId, depth: 1 }), [rootId]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  const choose = async (unit: Unit) => {
    setSaving(true);
    setError('');
    const answer = await userApi.updateProfile({ homeUnitId: unit._id });
    setSaving(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    await refreshMe();
    navigateBack();
  };

  return (
    <PageShell query={query} onRetry={reload}>
      {(tree) => (
        <View>
          <View className="hl-section">
            <Text className="hl-section__title">您住在哪里？</Text>
            <Text className="hl-note">{[...tree.ancestors, tree.root].map((u) => u.name).join(' · ')}</Text>
            {tree.root.kind !== 'town' && (
              <Button
                className="hl-button hl-button--primary"
                loading={saving}
                disabled={saving}
                onClick={() => choose(tree.root)}
              >
                就选“{tree.root.name}”
              </Button>
            )}
            {tree.root.parentId && (
              <Button className="hl-button" onClick={() => setRootId(tree.root.parentId ?? undefined)}>
                返回上一级
              </Button>
            )}
            {error && <Text className="hl-error">{error}</Text>}
          </View>
          {tree.units.length > 0 && (
            <View className="hl-section">
              <Text className="hl-section__title">
                {tree.root.kind === 'town' ? '请选择您所在的村（社区）' : '或者选得更具体一些'}
              </Text>
              {tree.units.map((unit) => (
                <View key={unit._id} className="hl-row" onClick={() => setRootId(unit._id)}>
                  <Text>{unit.name}</Text>
                  <Text className="hl-row__side">{UNIT_KIND_LABELS[unit.kind]} ›</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
