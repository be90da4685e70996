import { Text, View } from '@tarojs/components';
import { RATING_LABELS, type RequestDetail } from '@honglin/types/request';
import { Photos } from '@/components/PhotoPicker';
import { enlargePhoto } from '@/components/PhotoPicker/enlarge';
import { RequestCardHead } from '@/components/request/RequestCard';
import { dateTime as when } from '@/lib/datetime';
import { EVENT_LABELS } from './eventLabels';

/** What was raised, by whom, where, who has it now and by when. */
export function RequestFacts({ request }: { request: RequestDetail }) {
  return (
    <View className="rq-card">
      <RequestCardHead request={request} />
      <Text className="rq-card__text">{request.text}</Text>
      {request.enterprise && <Text className="rq-card__line">企业：{request.enterprise.name}</Text>}
      {request.parties && <Text className="rq-card__line">当事人：{request.parties.join('、')}</Text>}
      <Photos
        area="rq"
        photos={request.photos}
        pending={request.pendingPhotos}
        noteClassName="rq-card__line"
        onTap={enlargePhoto}
      />
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
  );
}

/** 办理结果: what the handler did, its photos, and the resident's rating of it. */
export function RequestResult({ request }: { request: RequestDetail }) {
  const { result, rating } = request;
  if (!result) return null;
  return (
    <View className="rq-card">
      <Text className="rq-title">办理结果</Text>
      <Text className="rq-card__text">{result.text}</Text>
      <Photos
        area="rq"
        photos={result.photos}
        pending={result.pendingPhotos}
        noteClassName="rq-card__line"
        onTap={enlargePhoto}
      />
      {rating && (
        <Text className="rq-card__line">
          {rating.onBehalf ? '回访居民后代为评价' : '群众评价'}：{RATING_LABELS[rating.value]}
          {rating.comment ? `（${rating.comment}）` : ''}
        </Text>
      )}
    </View>
  );
}

/** 办理经过: every step of the request, oldest first. */
export function RequestTimeline({ timeline }: { timeline: RequestDetail['timeline'] }) {
  return (
    <View className="rq-section">
      <Text className="rq-title">办理经过</Text>
      {timeline.map((t, i) => (
        <View key={`${t.at}-${i}`} className="rq-timeline__item">
          <Text className="rq-timeline__what">
            {t.actor} {EVENT_LABELS[t.event] ?? t.event}
            {t.note ? `：${t.note}` : ''}
          </Text>
          <Text className="rq-timeline__when">{when(t.at)}</Text>
        </View>
      ))}
    </View>
  );
}
