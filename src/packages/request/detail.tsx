import { useState } from 'react';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { chooseImage, previewImage, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Envelope } from '@honglin/types/envelope';
import type { PersonView } from '@honglin/types/user';
import { RATINGS, RATING_LABELS, type Rating, type RequestDetail } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { imageUrl, uploadImage } from '@/api/transport';
import { userApi } from '@/api/user';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { PhotoCheckNote } from '@/components/PhotoCheckNote';
import { newRequestId } from '@/lib/requestId';
import { askToBeTold } from '@/lib/subscribe';
import { useQuery } from '@/lib/useQuery';
import { EVENT_LABELS } from './eventLabels';
import { dateTime as when } from '@/lib/datetime';
import { RequestCardHead } from '@/components/request/RequestCard';
import '@/components/request/request.scss';

type Panel = 'escalate' | 'handBack' | 'resolve' | 'rate' | 'assign' | 'comment' | null;

/** 诉求详情: what was raised, where it stands, its whole history, and what the viewer may do now. */
export default function RequestDetailPage() {
  const id = useRouter().params.id ?? '';
  const { query, reload } = useQuery(() => requestApi.get({ id }), [id]);
  return (
    <PageShell query={query} onRetry={reload}>
      {(request) => <Detail request={request} onChanged={reload} />}
    </PageShell>
  );
}

function Photos({ photos }: { photos: string[] }) {
  if (photos.length === 0) return null;
  const urls = photos.map(imageUrl);
  return (
    <View className="rq-photos">
      {urls.map((url) => (
        <Image
          key={url}
          className="rq-photo"
          src={url}
          mode="aspectFill"
          onClick={() => previewImage({ urls, current: url })}
        />
      ))}
    </View>
  );
}

function Detail({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const [panel, setPanel] = useState<Panel>(null);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [rating, setRating] = useState<Rating | null>(null);
  const [members, setMembers] = useState<PersonView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // One id per comment written: a retried send of it adds it once.
  const [commentId, setCommentId] = useState(newRequestId);
  const { can } = request;
  const id = request._id;

  async function run(call: () => Promise<Envelope<unknown>>) {
    setBusy(true);
    setError('');
    const answer = await call();
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setPanel(null);
    setText('');
    setPhotos([]);
    setRating(null);
    onChanged();
  }

  function openPanel(next: Panel) {
    setPanel(next);
    setError('');
    if (next === 'comment') setCommentId(newRequestId());
    if (next === 'assign' && members === null) {
      const village = request.ladder[1]?.unitId ?? request.ladder[0].unitId;
      userApi.listPeople({ unitId: village, role: 'member', size: 50 }).then((answer) => {
        setMembers(answer.ok ? answer.data.items : []);
      });
    }
  }

  async function addPhotos() {
    const chosen = await chooseImage({ count: 9 - photos.length, sizeType: ['compressed'] }).catch(() => null);
    if (!chosen) return;
    const added: string[] = [];
    for (const [i, path] of chosen.tempFilePaths.entries()) {
      const answer = await uploadImage(path, `requests/${id}/result-${Date.now()}-${i}.jpg`);
      if (answer.ok) added.push(answer.data.fileID);
      else setError(`照片没有传上去：${answer.error.message}`);
    }
    setPhotos([...photos, ...added]);
  }

  const lower = request.ladder.slice(request.ladder.findIndex((s) => s.unitId === request.responsible.unitId) + 1);

  return (
    <View>
      <View className="rq-card">
        <RequestCardHead request={request} />
        <Text className="rq-card__text">{request.text}</Text>
        {request.enterprise && <Text className="rq-card__line">企业：{request.enterprise.name}</Text>}
        {request.parties && <Text className="rq-card__line">当事人：{request.parties.join('、')}</Text>}
        <Photos photos={request.photos} />
        <PhotoCheckNote className="rq-card__line" pending={request.pendingPhotos} />
        <Text className="rq-card__line">
          反映人：{request.raisedBy}
          {request.residentPhone ? ` · 电话 ${request.residentPhone}` : ''}
          {request.reportedByHead ? '（由干部代为反映）' : ''}
        </Text>
        <Text className="rq-card__line">地点：{request.unitName}</Text>
        <Text className="rq-card__line">
          现由：{request.responsible.name}
          {request.handlerName ? ` · ${request.handlerName}` : ' · 等待签收'}
          {request.assigneeName ? ` · ${request.assigneeName}办理` : ''}
        </Text>
        {request.state === 'submitted' && <Text className="rq-card__line">签收期限：{when(request.acceptBy)}</Text>}
        {(request.state === 'accepted' || request.state === 'in_progress') && (
          <Text className="rq-card__line">办结期限：{when(request.resolveBy)}</Text>
        )}
        {request.followerCount > 0 && <Text className="rq-card__line">{request.followerCount}位邻居也在关注</Text>}
      </View>

      {request.result && (
        <View className="rq-card">
          <Text className="rq-title">办理结果</Text>
          <Text className="rq-card__text">{request.result.text}</Text>
          <Photos photos={request.result.photos} />
          <PhotoCheckNote className="rq-card__line" pending={request.result.pendingPhotos} />
          {request.rating && (
            <Text className="rq-card__line">
              {request.rating.onBehalf ? '回访居民后代为评价' : '群众评价'}：{RATING_LABELS[request.rating.value]}
              {request.rating.comment ? `（${request.rating.comment}）` : ''}
            </Text>
          )}
        </View>
      )}

      {error && <Text className="rq-error">{error}</Text>}
      <View className="rq-actions">
        {can.accept && (
          <Button
            className="rq-button"
            type="primary"
            size="large"
            loading={busy}
            onClick={async () => {
              // Whoever takes a request up may be told when one is passed up to them or reopened.
              await askToBeTold('handling');
              await run(() => requestApi.accept({ id }));
            }}
          >
            签收
          </Button>
        )}
        {can.resolve && (
          <Button className="rq-button" type="primary" size="large" onClick={() => openPanel('resolve')}>
            办结
          </Button>
        )}
        {can.rate && (
          <Button className="rq-button" type="primary" size="large" onClick={() => openPanel('rate')}>
            评价
          </Button>
        )}
        {can.assign && (
          <Button className="rq-button" size="large" onClick={() => openPanel('assign')}>
            分派
          </Button>
        )}
        {can.escalate && (
          <Button className="rq-button" size="large" onClick={() => openPanel('escalate')}>
            上报上一级
          </Button>
        )}
        {can.handBack && (
          <Button className="rq-button" size="large" onClick={() => openPanel('handBack')}>
            退回
          </Button>
        )}
        {can.follow && (
          <Button
            className="rq-button"
            size="large"
            loading={busy}
            onClick={() => run(() => requestApi.follow({ id }))}
          >
            关注
          </Button>
        )}
        {can.comment && (
          <Button className="rq-button" size="large" onClick={() => openPanel('comment')}>
            留言
          </Button>
        )}
      </View>

      {panel === 'rate' && (
        <View className="rq-card">
          <Text className="rq-title">您对办理结果满意吗？</Text>
          <View className="rq-chips">
            {RATINGS.map((r) => (
              <Chip key={r} area="rq" on={rating === r} onTap={() => setRating(r)}>
                {RATING_LABELS[r]}
              </Chip>
            ))}
          </View>
          <Textarea
            className="rq-textarea"
            value={text}
            placeholder="想说的话（可不填）"
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className="rq-note">选“不满意”会退回重新办理。</Text>
          <Button
            className="rq-button"
            type="primary"
            size="large"
            loading={busy}
            disabled={!rating}
            onClick={() =>
              rating && run(() => requestApi.rate({ id, rating, ...(text.trim() ? { comment: text } : {}) }))
            }
          >
            提交评价
          </Button>
        </View>
      )}

      {(panel === 'escalate' || panel === 'handBack' || panel === 'comment' || panel === 'resolve') && (
        <View className="rq-card">
          <Text className="rq-title">
            {panel === 'escalate' && '上报原因'}
            {panel === 'handBack' && '退回原因'}
            {panel === 'comment' && '留言'}
            {panel === 'resolve' && '办理结果'}
          </Text>
          <Textarea
            className="rq-textarea"
            value={text}
            placeholder={panel === 'resolve' ? '做了什么、结果怎样' : '请写明原因'}
            onInput={(e) => setText(e.detail.value)}
          />
          {panel === 'resolve' && (
            <View className="rq-field">
              <View className="rq-photos">
                {photos.map((p) => (
                  <Image key={p} className="rq-photo" src={imageUrl(p)} mode="aspectFill" />
                ))}
                <Text className="rq-add-photo" onClick={addPhotos}>
                  ＋ 照片
                </Text>
              </View>
            </View>
          )}
          <Button
            className="rq-button"
            type="primary"
            size="large"
            loading={busy}
            onClick={async () => {
              // Whoever resolves a request (an assigned member too) is told if the resident reopens it.
              if (panel === 'resolve') await askToBeTold('handling');
              await run(() => {
                if (panel === 'escalate') return requestApi.escalate({ id, reason: text });
                if (panel === 'handBack') return requestApi.handBack({ id, reason: text });
                if (panel === 'resolve') return requestApi.resolve({ id, result: text, photos });
                return requestApi.comment({ id, requestId: commentId, text });
              });
            }}
          >
            确定
          </Button>
        </View>
      )}

      {panel === 'assign' && (
        <View className="rq-card">
          <Text className="rq-title">分派给谁？</Text>
          {lower.length > 0 && <Text className="rq-note">派给下级：</Text>}
          {lower.map((step) => (
            <View
              key={step.unitId}
              className="rq-row"
              onClick={() => run(() => requestApi.assign({ id, unitId: step.unitId }))}
            >
              <Text>{step.name}</Text>
              <Text className="rq-state">派给</Text>
            </View>
          ))}
          <Text className="rq-note">分派给党员：</Text>
          {members === null && <Text className="rq-note">正在加载党员名单…</Text>}
          {members?.length === 0 && <Text className="rq-note">没有可选的党员（需要村管理员分派）</Text>}
          {members?.map((m) => (
            <View
              key={m.openid}
              className="rq-row"
              onClick={() => run(() => requestApi.assign({ id, assigneeId: m.openid }))}
            >
              <Text>{m.nickname}</Text>
              <Text className="rq-state">分派</Text>
            </View>
          ))}
        </View>
      )}

      <View className="rq-section">
        <Text className="rq-title">办理经过</Text>
        {request.timeline.map((t, i) => (
          <View key={`${t.at}-${i}`} className="rq-timeline__item">
            <Text className="rq-timeline__what">
              {t.actor} {EVENT_LABELS[t.event] ?? t.event}
              {t.note ? `：${t.note}` : ''}
            </Text>
            <Text className="rq-timeline__when">{when(t.at)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
