import { Text, View } from '@tarojs/components';
import { REQUEST_CATEGORY_LABELS, type RequestSummary } from '@honglin/types/request';
import { dateTime as when } from '@/lib/datetime';
import { stateLabel } from '@/lib/requestLabels';

/** One request in a list: category, what is wrong, where it stands and who has it now. */
export function RequestCard({ request, onOpen }: { request: RequestSummary; onOpen: () => void }) {
  return (
    <View className="rq-card" onClick={onOpen}>
      <RequestCardHead request={request} />
      <Text className="rq-card__text">{request.text}</Text>
      <Text className="rq-card__line">
        {request.unitName} · 现由{request.responsible.name}负责 · {when(request.createdAt)}提交
      </Text>
    </View>
  );
}

/** The head of a request's card (in a list and on its own page): category, urgency, state, 已超时. */
export function RequestCardHead({
  request,
}: {
  request: Pick<RequestSummary, 'urgent' | 'category' | 'state' | 'overdue'>;
}) {
  return (
    <View className="rq-card__head">
      <Text className="rq-card__category">
        {request.urgent ? '【紧急】' : ''}
        {REQUEST_CATEGORY_LABELS[request.category]}
      </Text>
      <View>
        <Text className={`rq-state${request.state === 'closed' ? ' rq-state--closed' : ''}`}>
          {stateLabel(request.state)}
        </Text>
        {request.overdue && <Text className="rq-overdue">已超时</Text>}
      </View>
    </View>
  );
}
