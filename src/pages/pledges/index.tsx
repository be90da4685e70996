import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { Button } from '@/components/Button';
import {
  PLEDGE_CATEGORIES,
  PLEDGE_CATEGORY_LABELS,
  PLEDGE_STATES,
  PLEDGE_STATE_LABELS,
  type PledgeCategory,
  type PledgeState,
} from '@honglin/types/pledge';
import { shanghai } from '@honglin/types/time';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { useTabPage } from '@/lib/tabBar';
import { PledgeCard } from '@/components/pledge/PledgeCard';
import { PledgeList } from '@/components/pledge/PledgeList';
import { pledgeRolesOf } from '@/lib/pledgeRoles';
import { pledgeApi } from '@/api/pledge';
import { usePagedList } from '@/hooks/usePagedList';
import { useReturnReload } from '@/hooks/useReturnReload';
import '@/components/pledge/pledge-list.scss';

const open = (page: string) => navigateTo({ url: `/packages/pledge/${page}` });

const MONTHS = [
  { label: '全部月份', month: undefined },
  { label: '本月', month: shanghai().format('YYYY-MM') },
  { label: '上月', month: shanghai().subtract(1, 'month').format('YYYY-MM') },
];

/** 承诺 tab: a member's own pledges and what each asks of them next; the way to the wall and to review. */
export default function PledgesPage() {
  useTabPage('pledges');
  const { query: me, reload: reloadMe } = useMe();
  return (
    <PageShell query={me} onRetry={reloadMe}>
      {(data) => {
        const roles = pledgeRolesOf(data.roles);
        return (
          <View>
            <View className="pl-actions">
              {roles.memberBranches.length > 0 && (
                <Button className="pl-button" type="primary" size="large" onClick={() => open('edit')}>
                  写新承诺
                </Button>
              )}
              <Button className="pl-button" size="large" onClick={() => open('index')}>
                本村承诺墙
              </Button>
              {roles.secretaryBranches.length > 0 && (
                <Button className="pl-button" size="large" onClick={() => open('review')}>
                  支部审核与评议
                </Button>
              )}
            </View>
            {roles.memberBranches.length > 0 ? (
              <MyPledges />
            ) : (
              <Text className="pl-note">
                承诺由党员作出，经支部审核后在承诺墙上公开。您可以在本村承诺墙查看党员的承诺和践诺情况，并对已完成的承诺评价“满意”或“不满意”。
              </Text>
            )}
          </View>
        );
      }}
    </PageShell>
  );
}

function MyPledges() {
  const [state, setState] = useState<PledgeState | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const [category, setCategory] = useState<PledgeCategory | undefined>();
  const list = usePagedList(pledgeApi.list, { scope: 'mine', state, month, category });
  useReturnReload(list.reload);
  return (
    <View className="pl-section">
      <Text className="pl-section__title">我的承诺</Text>
      <View className="pl-chips">
        <Chip area="pl" on={state === undefined} onTap={() => setState(undefined)}>
          全部
        </Chip>
        {PLEDGE_STATES.map((s) => (
          <Chip key={s} area="pl" on={state === s} onTap={() => setState(s)}>
            {PLEDGE_STATE_LABELS[s]}
          </Chip>
        ))}
      </View>
      <View className="pl-chips">
        {MONTHS.map((m) => (
          <Chip key={m.label} area="pl" on={month === m.month} onTap={() => setMonth(m.month)}>
            {m.label}
          </Chip>
        ))}
      </View>
      <View className="pl-chips">
        <Chip area="pl" on={category === undefined} onTap={() => setCategory(undefined)}>
          全部类别
        </Chip>
        {PLEDGE_CATEGORIES.map((c) => (
          <Chip key={c} area="pl" on={category === c} onTap={() => setCategory(c)}>
            {PLEDGE_CATEGORY_LABELS[c]}
          </Chip>
        ))}
      </View>
      <PledgeList
        list={list}
        emptyText="还没有承诺，点“写新承诺”开始"
        renderItem={(p) => <PledgeCard key={p.id} pledge={p} showNextStep linked />}
      />
    </View>
  );
}
