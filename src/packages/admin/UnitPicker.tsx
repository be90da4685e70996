import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { UNIT_KIND_LABELS, type Unit, type UnitKind } from '@honglin/types/org';
import { orgApi } from '@/api/org';
import { useQuery } from '@/lib/useQuery';
import '../account/form.scss';

interface UnitPickerProps {
  /** The admin's unit: the picker never goes above it. */
  rootId: string;
  /** Only units of this kind may be chosen (any kind when absent). */
  kind?: UnitKind;
  actionText: string;
  onPick: (unit: Unit) => void;
}

/** Tap down the tree from the admin's unit, one level at a time, and choose the unit shown. */
export function UnitPicker({ rootId, kind, actionText, onPick }: UnitPickerProps) {
  const [currentId, setCurrentId] = useState(rootId);
  const { query } = useQuery(() => orgApi.tree({ rootId: currentId, depth: 1 }), [currentId]);
  if (query.status === 'loading') return <Text className="hl-note">正在加载…</Text>;
  if (query.status === 'error') return <Text className="hl-error">{query.error.message}</Text>;
  const { root, units } = query.data;
  const fits = !kind || root.kind === kind;
  return (
    <View>
      <Text className="hl-label">
        当前：{root.name}（{UNIT_KIND_LABELS[root.kind]}）
      </Text>
      {fits && (
        <Button className="hl-button hl-button--primary" onClick={() => onPick(root)}>
          {actionText}“{root.name}”
        </Button>
      )}
      {!fits && kind && <Text className="hl-note">请继续选择到“{UNIT_KIND_LABELS[kind]}”这一级</Text>}
      {root._id !== rootId && root.parentId && (
        <Button className="hl-button" onClick={() => setCurrentId(root.parentId ?? rootId)}>
          返回上一级
        </Button>
      )}
      {units.map((unit) => (
        <View key={unit._id} className="hl-row" onClick={() => setCurrentId(unit._id)}>
          <Text>{unit.name}</Text>
          <Text className="hl-row__side">{UNIT_KIND_LABELS[unit.kind]} ›</Text>
        </View>
      ))}
    </View>
  );
}
