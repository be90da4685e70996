import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { PLACE_KINDS, PLACE_KIND_LABELS, type PlaceKind } from '@honglin/types/org';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

/** 地点: red-heritage sites, fields, enterprises and venues registered once in the admin's unit. */
export default function PlacesPage() {
  const scope = useAdminScope();
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() => (scope.unitId ? <Places unitId={scope.unitId} /> : <Text className="hl-text">只有管理员可以使用。</Text>)}
    </PageShell>
  );
}

function Places({ unitId }: { unitId: string }) {
  const { query, reload } = useQuery(() => orgApi.listPlaces({ unitId, size: 50 }), [unitId]);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [kind, setKind] = useState<PlaceKind>('red_site');
  const [requestId, setRequestId] = useState(newRequestId);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const create = async () => {
    const answer = await orgApi.savePlace({ requestId, unitId, name, kind, address: address || undefined });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setName('');
    setAddress('');
    setRequestId(newRequestId());
    setMessage({ ok: true, text: `已登记“${answer.data.name}”` });
    reload();
  };
  return (
    <View>
      <View className="hl-section">
        <Text className="hl-section__title">地点</Text>
        {query.status === 'loading' && <Text className="hl-note">正在加载…</Text>}
        {query.status === 'error' && <Text className="hl-error">{query.error.message}</Text>}
        {query.status === 'success' &&
          (query.data.items.length === 0 ? (
            <Text className="hl-note">还没有登记地点。</Text>
          ) : (
            query.data.items.map((p) => (
              <View key={p._id} className="hl-row">
                <Text>{p.name}</Text>
                <Text className="hl-row__side">
                  {PLACE_KIND_LABELS[p.kind]} · {p.unitName}
                </Text>
              </View>
            ))
          ))}
      </View>
      <View className="hl-section">
        <Text className="hl-section__title">登记地点</Text>
        <View className="hl-chips">
          {PLACE_KINDS.map((k) => (
            <Chip key={k} area="hl" on={k === kind} onTap={() => setKind(k)}>
              {PLACE_KIND_LABELS[k]}
            </Chip>
          ))}
        </View>
        <Text className="hl-label">名称</Text>
        <Input
          className="hl-input"
          value={name}
          placeholder="例如：西草坪村家风文化馆"
          onInput={(e) => setName(e.detail.value)}
        />
        <Text className="hl-label">地址（选填）</Text>
        <Input className="hl-input" value={address} placeholder="在哪里" onInput={(e) => setAddress(e.detail.value)} />
        {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
        <Button className="hl-button hl-button--primary" disabled={name.trim().length < 2} onClick={create}>
          登记
        </Button>
      </View>
    </View>
  );
}
