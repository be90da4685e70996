import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { HouseholdView } from '@honglin/types/household';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { useNeighbourhoods } from './neighbourhoods';
import { householdLine } from './NotVisitedList';

/** Finds a household of the unit by the head of household's name or the house number; adds one that is missing. */
export function HouseholdPicker({ unitId, onPick }: { unitId: string; onPick: (h: HouseholdView) => void }) {
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const { query } = useQuery(
    () => orgApi.listHouseholds({ unitId, search: search.trim() || undefined, size: 8 }),
    [unitId, search],
  );
  return (
    <View>
      <Input
        className="rq-input"
        value={search}
        placeholder="输入户主姓名或门牌号查找"
        onInput={(e) => setSearch(e.detail.value)}
      />
      {query.status === 'loading' && <Text className="rq-note">正在查找…</Text>}
      {query.status === 'error' && <Text className="rq-error">{query.error.message}</Text>}
      {query.status === 'success' && query.data.items.length === 0 && (
        <Text className="rq-note">{search.trim() ? '没有找到这一户' : '本单位还没有农户记录'}</Text>
      )}
      {query.status === 'success' &&
        query.data.items.map((h) => (
          <View key={h._id} className="rq-row" onClick={() => onPick(h)}>
            <Text>{householdLine(h)}</Text>
            <Text className="rq-state">选这户</Text>
          </View>
        ))}
      {adding ? (
        <NewHousehold unitId={unitId} headName={search.trim()} onAdded={onPick} />
      ) : (
        <Button className="rq-button" size="large" onClick={() => setAdding(true)}>
          名单里没有？添加新户
        </Button>
      )}
    </View>
  );
}

/** A household the head meets that is not on the village's list yet: added to its 邻 (org.saveHousehold), then picked. */
export function NewHousehold({
  unitId,
  headName: typed,
  onAdded,
}: {
  unitId: string;
  headName: string;
  onAdded: (h: HouseholdView) => void;
}) {
  const { query, options } = useNeighbourhoods(unitId);
  const [neighbourhood, setNeighbourhood] = useState('');
  const [headName, setHeadName] = useState(typed);
  const [address, setAddress] = useState('');
  const [requestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const target = options.length === 1 ? options[0].id : neighbourhood;

  async function add() {
    if (!target) return setMessage('请选择这户所在的邻');
    setBusy(true);
    setMessage('');
    const answer = await orgApi.saveHousehold({ requestId, unitId: target, headName, address: address.trim() });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error.message);
    onAdded(answer.data);
  }

  return (
    <View className="rq-card">
      <Text className="rq-title">添加新户</Text>
      {options.length > 1 && (
        <View className="rq-chips">
          {options.map((o) => (
            <Chip key={o.id} area="rq" on={o.id === neighbourhood} onTap={() => setNeighbourhood(o.id)}>
              {o.label}
            </Chip>
          ))}
        </View>
      )}
      <Text className="rq-label">户主姓名</Text>
      <Input className="rq-input" value={headName} maxlength={20} onInput={(e) => setHeadName(e.detail.value)} />
      <Text className="rq-label">门牌号或地址（可不填）</Text>
      <Input className="rq-input" value={address} maxlength={60} onInput={(e) => setAddress(e.detail.value)} />
      {message && <Text className="rq-error">{message}</Text>}
      {query.status === 'error' && <Text className="rq-error">{query.error.message}</Text>}
      {query.status === 'success' && (
        <Button className="rq-button" type="primary" size="large" loading={busy} onClick={add}>
          添加并选这户
        </Button>
      )}
    </View>
  );
}
