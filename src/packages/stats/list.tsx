import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { setNavigationBarTitle, useRouter } from '@tarojs/taro';
import { REQUEST_CATEGORIES, type ListRequestsInput, type RequestCategory } from '@honglin/types/request';
import { PageShell } from '@/components/PageShell';
import { RequestList } from '@/components/request/RequestList';
import { requestApi } from '@/api/request';
import { usePagedList } from '@/hooks/usePagedList';
import '@/components/request/request.scss';

const STATES = ['open', 'all', 'submitted', 'accepted', 'in_progress', 'resolved', 'closed'] as const;

/** The requests behind a dashboard figure: the unit (or one village below), the month and the category tapped. */
export default function StatsRequestListPage() {
  const { params } = useRouter();
  const category = REQUEST_CATEGORIES.includes(params.category as RequestCategory)
    ? (params.category as RequestCategory)
    : undefined;
  const state = STATES.find((s) => s === params.state) ?? 'all';
  const filters: ListRequestsInput = {
    scope: 'unit',
    state,
    ...(params.within ? { within: params.within } : {}),
    ...(params.month ? { month: params.month } : {}),
    ...(category ? { category } : {}),
  };
  const list = usePagedList(requestApi.list, filters);
  const title = decodeURIComponent(params.title ?? '诉求');
  useEffect(() => {
    void setNavigationBarTitle({ title });
  }, [title]);
  return (
    <PageShell>
      <View className="rq-section">
        <Text className="rq-note">
          {params.month
            ? `${Number(params.month.slice(0, 4))}年${Number(params.month.slice(5, 7))}月提出的${title}`
            : `${title}（各月份，最新的在前）`}
        </Text>
        <RequestList list={list} emptyText="没有这样的诉求" />
      </View>
    </PageShell>
  );
}
