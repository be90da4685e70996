import { Text, View } from '@tarojs/components';
import { RATABLE_PLEDGE_STATES } from '@honglin/types/pledge';
import { PageShell } from '@/components/PageShell';
import { PledgeCard } from '@/components/pledge/PledgeCard';
import { PledgeList } from '@/components/pledge/PledgeList';
import { pledgeApi } from '@/api/pledge';
import { usePagedList } from '@/hooks/usePagedList';
import { useReturnReload } from '@/hooks/useReturnReload';
import { Ratings } from './Ratings';
import '@/components/pledge/pledge.scss';

/** 承诺墙 (亮诺): the village's approved pledges with their progress; residents say 满意/不满意 once completed. */
export default function PledgeWallPage() {
  const list = usePagedList(pledgeApi.list, { scope: 'wall' });
  useReturnReload(list.reload);
  return (
    <PageShell>
      <View className="pl-section">
        <Text className="pl-section__title">本村承诺墙</Text>
        <Text className="pl-note">
          党员的承诺经支部审核后在这里公开，大家一起监督。承诺完成后，本村群众可以评价一次。
        </Text>
      </View>
      <PledgeList
        list={list}
        emptyText="本村还没有公开的承诺"
        renderItem={(p) => (
          <PledgeCard key={p.id} pledge={p} showOwner linked>
            {RATABLE_PLEDGE_STATES.includes(p.state) && (
              <Ratings pledgeId={p.id} ratings={p.ratings} canRate={p.canRate ?? false} myRating={p.myRating} />
            )}
          </PledgeCard>
        )}
      />
    </PageShell>
  );
}
