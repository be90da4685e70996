import { Text, View } from '@tarojs/components';
import { PLEDGE_TIMELINE_LABELS, type PledgeFulfilment, type PledgeTimelineEntry } from '@honglin/types/pledge';
import { Photos } from '@/components/PhotoPicker';
import { enlargePhoto } from '@/components/PhotoPicker/enlarge';
import { dateTime, dayLabel } from '@/lib/datetime';

/** 践诺记录: what the member did, day by day, with photos and whom it helped. */
export function Fulfilments({ fulfilments }: { fulfilments: PledgeFulfilment[] }) {
  return (
    <View className="pl-section">
      <Text className="pl-section__title">践诺记录（{fulfilments.length}）</Text>
      {fulfilments.length === 0 && <Text className="pl-note">还没有践诺记录</Text>}
      {fulfilments.map((f) => (
        <View key={f.id} className="pl-card">
          <Text className="pl-card__line">
            {dayLabel(f.day)}
            {f.peopleHelped > 0 ? ` · 帮助 ${f.peopleHelped} 人` : ''}
            {f.linkedRequestId ? ` · 诉求 ${f.linkedRequestId}` : ''}
          </Text>
          <Text className="pl-card__content">{f.text}</Text>
          <Photos
            area="pl"
            photos={f.photos}
            pending={f.pendingPhotos}
            noteClassName="pl-card__line"
            onTap={enlargePhoto}
          />
        </View>
      ))}
    </View>
  );
}

/** 办理经过: the pledge's history, shown to its owner and the branch. */
export function PledgeTimeline({ timeline }: { timeline: PledgeTimelineEntry[] }) {
  return (
    <View className="pl-section">
      <Text className="pl-section__title">办理经过</Text>
      {timeline.map((e, i) => (
        <View key={i} className="pl-timeline__item">
          <Text className="pl-card__line">
            {dateTime(e.at)} · {e.by === 'owner' ? '承诺人' : '支部'}
          </Text>
          <Text>{PLEDGE_TIMELINE_LABELS[e.event] ?? e.event}</Text>
          {e.note && <Text className="pl-card__line">{e.note}</Text>}
        </View>
      ))}
    </View>
  );
}
