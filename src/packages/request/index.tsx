import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import {
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  type ListRequestsInput,
  type RequestCategory,
} from '@honglin/types/request';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';
import { PageShell } from '@/components/PageShell';
import { RequestList } from '@/pages/requests/RequestList';
import { useRequestList } from '@/pages/requests/useRequestList';
import '@/pages/requests/request.scss';

const STATES: Array<{ label: string; state: NonNullable<ListRequestsInput['state']> }> = [
  { label: '待办', state: 'open' },
  { label: '待签收', state: 'submitted' },
  { label: '办理中', state: 'in_progress' },
  { label: '待评价', state: 'resolved' },
  { label: '已完成', state: 'closed' },
  { label: '全部', state: 'all' },
];

function Chip({ on, label, onTap }: { on: boolean; label: string; onTap: () => void }) {
  return (
    <Text className={`rq-chip${on ? ' rq-chip--on' : ''}`} onClick={onTap}>
      {label}
    </Text>
  );
}

/** 待办诉求: what waits in the head's unit and below (or, for a member, what was assigned to them), with filters. */
export default function RequestWorkPage() {
  const assigned = useRouter().params.scope === 'assigned';
  const [state, setState] = useState<NonNullable<ListRequestsInput['state']>>('open');
  const [category, setCategory] = useState<RequestCategory | undefined>();
  const [level, setLevel] = useState<UnitKind | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [thisMonth, setThisMonth] = useState(false);
  const list = useRequestList({
    scope: assigned ? 'assigned' : 'unit',
    state,
    ...(category ? { category } : {}),
    ...(level ? { level } : {}),
    ...(overdue ? { overdue } : {}),
    ...(thisMonth ? { month: shanghai().format('YYYY-MM') } : {}),
  });
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (shown) list.reload();
    setShown(true);
  });

  return (
    <PageShell>
      <View className="rq-chips">
        {STATES.map((s) => (
          <Chip key={s.state} on={state === s.state} label={s.label} onTap={() => setState(s.state)} />
        ))}
      </View>
      <View className="rq-chips">
        <Chip on={category === undefined} label="全部类别" onTap={() => setCategory(undefined)} />
        {REQUEST_CATEGORIES.map((c) => (
          <Chip key={c} on={category === c} label={REQUEST_CATEGORY_LABELS[c]} onTap={() => setCategory(c)} />
        ))}
      </View>
      {!assigned && (
        <View className="rq-chips">
          <Chip on={level === undefined} label="各级" onTap={() => setLevel(undefined)} />
          {UNIT_KINDS.map((k) => (
            <Chip key={k} on={level === k} label={`在${UNIT_KIND_LABELS[k]}`} onTap={() => setLevel(k)} />
          ))}
        </View>
      )}
      <View className="rq-chips">
        <Chip on={overdue} label="只看超时" onTap={() => setOverdue(!overdue)} />
        <Chip on={thisMonth} label="只看本月" onTap={() => setThisMonth(!thisMonth)} />
      </View>
      <RequestList list={list} emptyText={assigned ? '目前没有分派给您的诉求' : '没有符合条件的诉求'} />
    </PageShell>
  );
}
