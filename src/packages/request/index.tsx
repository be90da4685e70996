import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  type ListRequestsInput,
  type RequestCategory,
} from '@honglin/types/request';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { RequestList } from '@/components/request/RequestList';
import { requestApi } from '@/api/request';
import { usePagedList } from '@/hooks/usePagedList';
import { useReturnReload } from '@/hooks/useReturnReload';
import '@/components/request/request.scss';

const STATES: Array<{ label: string; state: NonNullable<ListRequestsInput['state']> }> = [
  { label: '待办', state: 'open' },
  { label: '待签收', state: 'submitted' },
  { label: '办理中', state: 'in_progress' },
  { label: '待评价', state: 'resolved' },
  { label: '已完成', state: 'closed' },
  { label: '全部', state: 'all' },
];

/** 待办诉求: what waits in the head's unit and below (or, for a member, what was assigned to them), with filters. */
export default function RequestWorkPage() {
  const assigned = useRouter().params.scope === 'assigned';
  const [state, setState] = useState<NonNullable<ListRequestsInput['state']>>('open');
  const [category, setCategory] = useState<RequestCategory | undefined>();
  const [level, setLevel] = useState<UnitKind | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [thisMonth, setThisMonth] = useState(false);
  const list = usePagedList(requestApi.list, {
    scope: assigned ? 'assigned' : 'unit',
    state,
    ...(category ? { category } : {}),
    ...(level ? { level } : {}),
    ...(overdue ? { overdue } : {}),
    ...(thisMonth ? { month: shanghai().format('YYYY-MM') } : {}),
  });
  useReturnReload(list.reload);

  return (
    <PageShell>
      <View className="rq-chips">
        {STATES.map((s) => (
          <Chip key={s.state} area="rq" on={state === s.state} onTap={() => setState(s.state)}>
            {s.label}
          </Chip>
        ))}
      </View>
      <View className="rq-chips">
        <Chip area="rq" on={category === undefined} onTap={() => setCategory(undefined)}>
          全部类别
        </Chip>
        {REQUEST_CATEGORIES.map((c) => (
          <Chip key={c} area="rq" on={category === c} onTap={() => setCategory(c)}>
            {REQUEST_CATEGORY_LABELS[c]}
          </Chip>
        ))}
      </View>
      {!assigned && (
        <View className="rq-chips">
          <Chip area="rq" on={level === undefined} onTap={() => setLevel(undefined)}>
            各级
          </Chip>
          {UNIT_KINDS.map((k) => (
            <Chip key={k} area="rq" on={level === k} onTap={() => setLevel(k)}>{`在${UNIT_KIND_LABELS[k]}`}</Chip>
          ))}
        </View>
      )}
      <View className="rq-chips">
        <Chip area="rq" on={overdue} onTap={() => setOverdue(!overdue)}>
          只看超时
        </Chip>
        <Chip area="rq" on={thisMonth} onTap={() => setThisMonth(!thisMonth)}>
          只看本月
        </Chip>
      </View>
      <RequestList list={list} emptyText={assigned ? '目前没有分派给您的诉求' : '没有符合条件的诉求'} />
    </PageShell>
  );
}
