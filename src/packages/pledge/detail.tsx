import { useState } from 'react';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { navigateTo, previewImage, showModal, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Envelope } from '@honglin/types/envelope';
import {
  APPRAISAL_GRADES,
  APPRAISAL_GRADE_LABELS,
  PLEDGE_TIMELINE_LABELS,
  type AppraisalGrade,
  type PledgeDetail,
} from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import { imageUrl } from '@/api/transport';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { PhotoCheckNote } from '@/components/PhotoCheckNote';
import { dateTime, dayLabel } from '@/lib/datetime';
import { useQuery } from '@/lib/useQuery';
import { PledgeCard } from '@/components/pledge/PledgeCard';
import { useReturnReload } from '@/hooks/useReturnReload';
import { Ratings } from './Ratings';
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

      <View className="pl-section">
        <Text className="pl-section__title">践诺记录（{pledge.fulfilments.length}）</Text>
        {pledge.fulfilments.length === 0 && <Text className="pl-note">还没有践诺记录</Text>}
        {pledge.fulfilments.map((f) => (
          <View key={f.id} className="pl-card">
            <Text className="pl-card__line">
              {dayLabel(f.day)}
              {f.peopleHelped > 0 ? ` · 帮助 ${f.peopleHelped} 人` : ''}
              {f.linkedRequestId ? ` · 诉求 ${f.linkedRequestId}` : ''}
            </Text>
            <Text className="pl-card__content">{f.text}</Text>
            {f.photos.length > 0 && (
              <View className="pl-photos">
                {f.photos.map((photo) => (
                  <Image
                    key={photo}
                    className="pl-photo"
                    mode="aspectFill"
                    src={imageUrl(photo)}
                    onClick={() => previewImage({ urls: f.photos.map(imageUrl), current: imageUrl(photo) })}
                  />
                ))}
              </View>
            )}
            <PhotoCheckNote className="pl-card__line" pending={f.pendingPhotos} />
          </View>
        ))}
      </View>

      {pledge.timeline && (
        <View className="pl-section">
          <Text className="pl-section__title">办理经过</Text>
          {pledge.timeline.map((e, i) => (
            <View key={i} className="pl-timeline__item">
              <Text className="pl-card__line">
                {dateTime(e.at)} · {e.by === 'owner' ? '承诺人' : '支部'}
              </Text>
              <Text>{PLEDGE_TIMELINE_LABELS[e.event] ?? e.event}</Text>
              {e.note && <Text className="pl-card__line">{e.note}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

interface BoxProps {
  id: string;
  busy: boolean;
  act: (run: () => Promise<Envelope<unknown>>, confirm?: string) => Promise<void>;
}

/** 审诺: approve, or return with a reason the member will read. */
function ReviewBox({ id, busy, act }: BoxProps) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <View className="pl-card">
      <Text className="pl-section__title">支部审核</Text>
      {returning && (
        <Textarea
          className="pl-form__textarea"
          placeholder="请写明退回原因和修改建议"
          maxlength={200}
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      )}
      <View className="pl-actions">
        {!returning && (
          <Button
            className="pl-button"
            type="primary"
            size="large"
            disabled={busy}
            onClick={() => act(() => pledgeApi.review({ id, decision: 'approve' }))}
          >
            审核通过（亮诺）
          </Button>
        )}
        <Button
          className="pl-button"
          size="large"
          disabled={busy}
          onClick={() =>
            returning ? act(() => pledgeApi.review({ id, decision: 'return', reason })) : setReturning(true)
          }
        >
          {returning ? '确认退回' : '退回修改'}
        </Button>
      </View>
    </View>
  );
}

/** 评诺: a grade and a comment on a completed pledge. */
function AppraiseBox({ id, busy, act }: BoxProps) {
  const [grade, setGrade] = useState<AppraisalGrade | undefined>();
  const [comment, setComment] = useState('');
  return (
    <View className="pl-card">
      <Text className="pl-section__title">支部评议</Text>
      <View className="pl-chips">
        {APPRAISAL_GRADES.map((g) => (
          <Chip key={g} area="pl" on={grade === g} onTap={() => setGrade(g)}>
            {APPRAISAL_GRADE_LABELS[g]}
          </Chip>
        ))}
      </View>
      <Textarea
        className="pl-form__textarea"
        placeholder="评语：这条承诺完成得怎么样"
        maxlength={300}
        value={comment}
        onInput={(e) => setComment(e.detail.value)}
      />
      <View className="pl-actions">
        <Button
          className="pl-button"
          type="primary"
          size="large"
          disabled={busy || !grade}
          onClick={() => grade && act(() => pledgeApi.appraise({ id, grade, comment }))}
        >
          提交评议
        </Button>
      </View>
    </View>
  );
}
