import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { HOUSEHOLD_TAGS, type HouseholdTag, type HouseholdView } from '@honglin/types/household';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { newRequestId } from '@/lib/requestId';
import type { useNeighbourhoods } from './neighbourhoods';
import { useHouseholdChange } from './useHouseholdChange';

interface AddHouseholdProps {
  neighbourhoods: ReturnType<typeof useNeighbourhoods>;
  onAdded: () => void;
}

/** 添加农户: a new household where the head meets it, in one of the 邻 the page knows. */
export function AddHousehold({ neighbourhoods: { query, options }, onAdded }: AddHouseholdProps) {
  const [neighbourhood, setNeighbourhood] = useState('');
  const [headName, setHeadName] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [size, setSize] = useState('');
  const [tags, setTags] = useState<HouseholdTag[]>([]);
  const [requestId, setRequestId] = useState(newRequestId);
  const [added, setAdded] = useState('');
  const { busy, error, send } = useHouseholdChange((saved: HouseholdView) => {
    setAdded(`已添加“${saved.headName}”户`);
    setHeadName('');
    setPhone('');
    setAddress('');
    setSize('');
    setTags([]);
    setRequestId(newRequestId());
    onAdded();
  });
  const target = options.length === 1 ? options[0].id : neighbourhood;

  const toggle = (tag: HouseholdTag) =>
    setTags((now) => (now.includes(tag) ? now.filter((t) => t !== tag) : [...now, tag]));
  const save = () => {
    setAdded('');
    return send(() =>
      orgApi.saveHousehold({
        requestId,
        unitId: target,
        headName,
        phone: phone.trim(),
        address: address.trim(),
        ...(size.trim() ? { size: Number(size) } : {}),
        tags,
      }),
    );
  };

  return (
    <View className="hl-section">
      <Text className="hl-section__title">添加农户</Text>
      {query.status === 'error' && <Text className="hl-error">{query.error.message}</Text>}
      {options.length > 1 && (
        <View>
          <Text className="hl-label">所在的邻</Text>
          <View className="hl-chips">
            {options.map((o) => (
              <Chip key={o.id} area="hl" on={o.id === neighbourhood} onTap={() => setNeighbourhood(o.id)}>
                {o.label}
              </Chip>
            ))}
          </View>
        </View>
      )}
      <Text className="hl-label">户主姓名</Text>
      <Input className="hl-input" value={headName} maxlength={20} onInput={(e) => setHeadName(e.detail.value)} />
      <Text className="hl-label">手机号（可不填）</Text>
      <Input
        className="hl-input"
        type="number"
        value={phone}
        maxlength={11}
        onInput={(e) => setPhone(e.detail.value)}
      />
      <Text className="hl-label">门牌号或地址（可不填）</Text>
      <Input className="hl-input" value={address} maxlength={60} onInput={(e) => setAddress(e.detail.value)} />
      <Text className="hl-label">人口数（可不填）</Text>
      <Input className="hl-input" type="number" value={size} maxlength={2} onInput={(e) => setSize(e.detail.value)} />
      <Text className="hl-label">备注（可多选）</Text>
      <View className="hl-chips">
        {HOUSEHOLD_TAGS.map((t) => (
          <Chip key={t} area="hl" on={tags.includes(t)} onTap={() => toggle(t)}>
            {t}
          </Chip>
        ))}
      </View>
      {added && <Text className="hl-success">{added}</Text>}
      {error && <Text className="hl-error">{error}</Text>}
      {/* Shown once the 邻 are known: in H5 a disabled button still takes a tap, which would send no 邻. */}
      {query.status === 'success' && (
        <Button
          className="hl-button hl-button--primary"
          loading={busy}
          disabled={busy || !target || !headName.trim()}
          onClick={save}
        >
          添加
        </Button>
      )}
    </View>
  );
}
