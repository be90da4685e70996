import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { REQUEST_CATEGORY_LABELS, type SimilarRequest } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { dateTime } from '@/lib/datetime';
import { stateLabel } from '@/lib/requestLabels';
import type { RequestDraft } from '@/store/requestDrafts';

/** Open requests like the draft (its category, near its place), asked again whenever either changes. */
export function useSimilarRequests({ category, point }: RequestDraft): SimilarRequest[] {
  const [similar, setSimilar] = useState<SimilarRequest[]>([]);
  useEffect(() => {
    if (!category) return;
    let current = true;
    requestApi.similar({ category, ...(point ? { point } : {}) }).then((answer) => {
      if (current) setSimilar(answer.ok ? answer.data : []);
    });
    return () => {
      current = false;
    };
  }, [category, point]);
  return similar;
}

/** 附近已经有人反映过类似问题: one tap follows one of them instead of raising the same thing again. */
export function SimilarRequests({
  similar,
  busy,
  onFollow,
}: {
  similar: SimilarRequest[];
  busy: boolean;
  onFollow: (id: string) => void;
}) {
  if (similar.length === 0) return null;
  return (
    <View className="rq-card">
      <Text className="rq-title">附近已经有人反映过类似问题</Text>
      <Text className="rq-note">如果是同一件事，点“关注这条”就能看到办理进度，不用重复提交。</Text>
      {similar.map((s) => (
        <View key={s._id} className="rq-section">
          <Text className="rq-card__text">{s.text}</Text>
          <Text className="rq-card__line">
            {REQUEST_CATEGORY_LABELS[s.category]} · {stateLabel(s.state)} · {dateTime(s.createdAt)}提出
          </Text>
          <Button className="rq-button" size="large" disabled={busy} onClick={() => onFollow(s._id)}>
            关注这条
          </Button>
        </View>
      ))}
    </View>
  );
}
