import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { orgApi } from '@/api/org';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

/** 党支部: the branches in the admin's unit and below; a new one for the town or a village. */
export default function BranchesPage() {
  const scope = useAdminScope();
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() =>
        scope.unitId ? <Branches unitId={scope.unitId} /> : <Text className="hl-text">只有管理员可以使用。</Text>
      }
    </PageShell>
  );
}

function Branches({ unitId }: { unitId: string }) {
  const { query, reload } = useQuery(() => orgApi.listBranches({ unitId, size: 50 }), [unitId]);
  const [name, setName] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const create = async () => {
    const answer = await orgApi.saveBranch({ requestId, unitId, name });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setName('');
    setRequestId(newRequestId());
    setMessage({ ok: true, text: `已建立“${answer.data.name}”` });
    reload();
  };
  return (
    <View>
      <View className="hl-section">
        <Text className="hl-section__title">党支部</Text>
        {query.status === 'loading' && <Text className="hl-note">正在加载…</Text>}
        {query.status === 'error' && <Text className="hl-error">{query.error.message}</Text>}
        {query.status === 'success' &&
          (query.data.items.length === 0 ? (
            <Text className="hl-note">还没有党支部。</Text>
          ) : (
            query.data.items.map((b) => (
              <View key={b._id} className="hl-row">
                <Text>{b.name}</Text>
                <Text className="hl-row__side">{b.unitName}</Text>
              </View>
            ))
          ))}
      </View>
      <View className="hl-section">
        <Text className="hl-section__title">建立党支部</Text>
        <Text className="hl-note">党支部建在镇或村（社区）。建在本单位。</Text>
        <Input
          className="hl-input"
          value={name}
          placeholder="例如：西草坪村党支部"
          onInput={(e) => setName(e.detail.value)}
        />
        {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
        <Button className="hl-button hl-button--primary" disabled={name.trim().length < 2} onClick={create}>
          建立
        </Button>
      </View>
    </View>
  );
}
