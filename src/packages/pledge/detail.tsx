import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { navigateTo, showModal, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Envelope } from '@honglin/types/envelope';
import { APPRAISAL_GRADE_LABELS, type PledgeDetail } from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { PledgeCard } from '@/components/pledge/PledgeCard';
import { useReturnReload } from '@/hooks/useReturnReload';
import { Ratings } from './Ratings';
import { AppraiseBox, ReviewBox } from './BranchBoxes';
import { Fulfilments, PledgeTimeline } from './PledgeRecords';
import { askToBeTold } from '@/lib/subscribe';
import '@/components/pledge/pledge.scss';

/** 承诺详情: the pledge, its fulfilment records and history, and what the caller may do with it now. */
export default function PledgeDetailPage() {
  const id = useRouter().params.id ?? '';
  const { query, reload } = useQuery(() => pledgeApi.get({ id }), [id]);
  useReturnReload(reload);
  return (
    <PageShell query={query} onRetry={reload}>
      {(pledge) => <Detail pledge={pledge} onChanged={reload} />}
    </PageShell>
  );
}

function Detail({ pledge, onChanged }: { pledge: PledgeDetail; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function act(run: () => Promise<Envelope<unknown>>, confirm?: string) {
    if (confirm && !(await showModal({ title: '请确认', content: confirm })).confirm) return;
    setBusy(true);
    setError('');
    const answer = await run();
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    onChanged();
  }

  const { can } = pledge;
  const id = pledge.id;
  return (
    <View>
      <PledgeCard pledge={pledge} showNextStep={!!pledge.timeline && !can.review && !can.appraise} showOwner />
      {pledge.appraisal && (
        <View className="pl-card">
          <Text className="pl-section__title">支部评议：{APPRAISAL_GRADE_LABELS[pledge.appraisal.grade]}</Text>
          <Text className="pl-card__line">{pledge.appraisal.comment}</Text>
        </View>
      )}
      {(pledge.state === 'completed' || pledge.state === 'appraised') && (
        <View className="pl-card">
          <Text className="pl-section__title">群众评价</Text>
          <Ratings pledgeId={id} ratings={pledge.ratings} canRate={can.rate} myRating={pledge.myRating} />
        </View>
      )}

      {error && <Text className="pl-form__error">{error}</Text>}
      <View className="pl-actions">
        {can.addFulfilment && (
          <Button
            className="pl-button"
            type="primary"
            size="large"
            onClick={() => navigateTo({ url: `/packages/pledge/fulfil?id=${id}` })}
          >
            记录践诺
          </Button>
        )}
        {can.complete && (
          <Button
            className="pl-button"
            size="large"
            disabled={busy}
            onClick={async () => {
              // WeChat's subscribe dialog first, the confirmation after it: never two dialogs at once.
              await askToBeTold('pledge');
              await act(() => pledgeApi.complete({ id }), '确认目标已经达到，标记这条承诺已完成？');
            }}
          >
            标记完成
          </Button>
        )}
        {can.edit && (
          <Button
            className="pl-button"
            size="large"
            onClick={() => navigateTo({ url: `/packages/pledge/edit?id=${id}` })}
          >
            修改
          </Button>
        )}
        {can.submit && (
          <Button
            className="pl-button"
            type="primary"
            size="large"
            disabled={busy}
            onClick={async () => {
              await askToBeTold('pledge');
              await act(() => pledgeApi.submit({ id }));
            }}
          >
            提交支部审核
          </Button>
        )}
        {can.withdraw && (
          <Button
            className="pl-button"
            size="large"
            disabled={busy}
            onClick={() => act(() => pledgeApi.withdraw({ id }), '撤回后这条承诺不再有效（记录会保留），确定撤回？')}
          >
            撤回承诺
          </Button>
        )}
      </View>
      {can.review && <ReviewBox id={id} busy={busy} act={act} />}
      {can.appraise && <AppraiseBox id={id} busy={busy} act={act} />}

      <Fulfilments fulfilments={pledge.fulfilments} />
      {pledge.timeline && <PledgeTimeline timeline={pledge.timeline} />}
    </View>
  );
}
