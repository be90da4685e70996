import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { HouseholdView } from '@honglin/types/household';
import { Chip } from '@/components/Chip';
import { CloseHousehold, MoveHousehold, SplitHousehold } from './householdActions';
import { HouseholdHistory } from './HouseholdHistory';

type HouseholdAction = 'move' | 'split' | 'close';

interface HouseholdRowProps {
  household: HouseholdView;
  open: boolean;
  onToggle: () => void;
  neighbourhoods: Array<{ id: string; label: string }>;
  canClose: boolean;
  onChanged: (text: string) => void;
}

/** One household of the list: a tap opens its history and what may be done with it (迁户, 分户, 注销). */
export function HouseholdRow({ household: h, open, onToggle, neighbourhoods, canClose, onChanged }: HouseholdRowProps) {
  const [action, setAction] = useState<HouseholdAction | null>(null);
  const labels = new Map(neighbourhoods.map((n) => [n.id, n.label]));
  // Named with its group where the page knows it: a village has several 一邻.
  const where = labels.get(h.unitId) ?? h.unitName;
  const details = [where, h.address, h.size ? `${h.size}口人` : '', h.phone].filter(Boolean).join(' · ');
  const targets = neighbourhoods.filter((n) => n.id !== h.unitId);
  const actions: Array<[HouseholdAction, string]> = [
    ...(targets.length > 0 ? [['move', '迁到本村其他邻'] as [HouseholdAction, string]] : []),
    ['split', '分户'],
    ...(canClose ? [['close', '注销此户'] as [HouseholdAction, string]] : []),
  ];
  return (
    <View>
      <View className="hl-row" onClick={onToggle}>
        <View style={{ display: 'flex', flexDirection: 'column', gap: '8px', flex: 1 }}>
          <Text className="hl-text">{h.headName}</Text>
          <Text className="hl-note">{details}</Text>
          {h.tags.length > 0 && (
            <View className="hl-chips">
              {h.tags.map((t) => (
                <Chip key={t} area="hl" on={false}>
                  {t}
                </Chip>
              ))}
            </View>
          )}
        </View>
        <Text className="hl-row__side">{open ? '收起' : '详情'}</Text>
      </View>
      {open && (
        <View>
          <HouseholdHistory history={h.history} labels={labels} />
          <View className="hl-chips">
            {actions.map(([a, label]) => (
              <Chip key={a} area="hl" on={a === action} onTap={() => setAction(a === action ? null : a)}>
                {label}
              </Chip>
            ))}
          </View>
          {action === 'move' && <MoveHousehold household={h} targets={targets} onDone={onChanged} />}
          {action === 'split' && <SplitHousehold household={h} onDone={onChanged} />}
          {action === 'close' && <CloseHousehold household={h} onDone={onChanged} />}
        </View>
      )}
    </View>
  );
}
