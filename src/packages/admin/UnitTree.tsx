import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { UNIT_KIND_LABELS } from '@honglin/types/org';
import { childKindOf } from '@honglin/types/org-api';
import { orgApi } from '@/api/org';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';

/** Browse the tree from the admin's unit; add a unit under the one shown, or rename it. */
export function UnitTree({ rootId }: { rootId: string }) {
  const [currentId, setCurrentId] = useState(rootId);
  const { query, reload } = useQuery(() => orgApi.tree({ rootId: currentId, depth: 1 }), [currentId]);
  const [name, setName] = useState('');
  const [rename, setRename] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (query.status !== 'success') {
    return (
      <Text className={query.status === 'error' ? 'hl-error' : 'hl-note'}>
        {query.status === 'error' ? query.error.message : '正在加载…'}
      </Text>
    );
  }
  const { root, units } = query.data;
  const childKind = childKindOf(root.kind);

  const add = async () => {
    setMessage(null);
    const answer = await orgApi.createUnit({ requestId, parentId: root._id, name, order: units.length + 1 });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setName('');
    setRequestId(newRequestId());
    setMessage({ ok: true, text: `已新建“${answer.data.name}”` });
    reload();
  };
  const save = async () => {
    setMessage(null);
    const answer = await orgApi.updateUnit({ id: root._id, name: rename });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setRename('');
    setMessage({ ok: true, text: '已改名' });
    reload();
  };

  return (
    <View className="hl-section">
      <Text className="hl-section__title">
        {root.name}（{UNIT_KIND_LABELS[root.kind]}）
      </Text>
      {root._id !== rootId && root.parentId && (
        <Button className="hl-button" onClick={() => setCurrentId(root.parentId ?? rootId)}>
          返回上一级
        </Button>
      )}
      {units.length === 0 && <Text className="hl-note">下面还没有单位。</Text>}
      {units.map((unit) => (
        <View key={unit._id} className="hl-row" onClick={() => setCurrentId(unit._id)}>
          <Text>{unit.name}</Text>
          <Text className="hl-row__side">{UNIT_KIND_LABELS[unit.kind]} ›</Text>
        </View>
      ))}
      {childKind && (
        <View>
          <Text className="hl-label">
            在“{root.name}”下新建{UNIT_KIND_LABELS[childKind]}
          </Text>
          <Input
            className="hl-input"
            value={name}
            placeholder={`${UNIT_KIND_LABELS[childKind]}的名称`}
            onInput={(e) => setName(e.detail.value)}
          />
          <Button className="hl-button hl-button--primary" disabled={!name.trim()} onClick={add}>
            新建
          </Button>
        </View>
      )}
      {root._id !== rootId && (
        <View>
          <Text className="hl-label">修改“{root.name}”的名称</Text>
          <Input className="hl-input" value={rename} placeholder="新名称" onInput={(e) => setRename(e.detail.value)} />
          <Button className="hl-button" disabled={!rename.trim()} onClick={save}>
            改名
          </Button>
        </View>
      )}
      {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
    </View>
  );
}
