import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, type ActivityDetail } from '@honglin/types/activity';
import { activityApi } from '@/api/activity';
import { PageShell } from '@/components/PageShell';
import { Photos } from '@/components/PhotoPicker';
import { useQuery } from '@/lib/useQuery';
import { dateTimeWithWeekday as when } from '@/lib/datetime';
import { useReturnReload } from '@/hooks/useReturnReload';
import { Organiser } from './Organiser';
import { MemberCheckin } from './MemberCheckin';
import './activity.scss';

/** One activity: what, when, where; for the organiser the check-in screen and the attendee list; for a member, check-in. */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { query, reload } = useQuery(() => activityApi.get({ id }), [id]);
  useReturnReload(reload);
  return (
    <PageShell query={query} onRetry={reload}>
      {(detail) => (
        <View>
          <Summary detail={detail} />
          {detail.canManage ? (
            <Organiser detail={detail} onChanged={reload} />
          ) : (
            <MemberCheckin detail={detail} onChanged={reload} />
          )}
        </View>
      )}
    </PageShell>
  );
}

/** What, when, where, who spoke, and the record and photos once it is written. */
function Summary({ detail }: { detail: ActivityDetail }) {
  const a = detail.activity;
  return (
    <View className="act-card">
      <Text className="act-tag">{ACTIVITY_KIND_LABELS[a.kind]}</Text>
      <Text className="act-tag act-tag--done">{ACTIVITY_STATUS_LABELS[a.status]}</Text>
      <Text className="act-title">{a.title}</Text>
      <Text className="act-line">时间：{when(a.startAt)}</Text>
      <Text className="act-line">地点：{a.place.name}</Text>
      {a.speaker && <Text className="act-line">主讲：{a.speaker}</Text>}
      {a.films.length > 0 && <Text className="act-line">影片：{a.films.map((f) => `《${f.title}》`).join('')}</Text>}
      {a.experts.length > 0 && <Text className="act-line">特邀：{a.experts.join('、')}</Text>}
      {a.cancelReason && <Text className="act-line">取消原因：{a.cancelReason}</Text>}
      {a.summary && <Text className="act-line">活动记录：{a.summary}</Text>}
      <Photos area="act" photos={a.photos} pending={a.pendingPhotos} noteClassName="act-line" />
    </View>
  );
}
