import { useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { redirectTo, useRouter } from '@tarojs/taro';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, type ActivityKind } from '@honglin/types/activity';
import { shanghai } from '@honglin/types/time';
import { activityApi } from '@/api/activity';
import { orgApi } from '@/api/org';
import { userApi } from '@/api/user';
import { videoApi } from '@/api/video';
import { PageShell } from '@/components/PageShell';
import { askToBeTold } from '@/lib/subscribe';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { disabledIf, secretaryBranch } from './context';
import { dayLabel } from '@/lib/datetime';
import { FilmChoice, PlaceChoice } from './PlanChoices';
import './activity.scss';

/** 安排活动: kind, title, day and time, place (registered or described), speaker or films, experts, audience. */
export default function PlanActivityPage() {
  const { params } = useRouter();
  const { query, reload } = useQuery(async () => {
    const me = await userApi.me();
    if (!me.ok) return me;
    const branch = secretaryBranch(me.data);
    const [places, films] = await Promise.all([orgApi.listPlaces({ size: 50 }), videoApi.list({ size: 50 })]);
    if (!places.ok) return places;
    if (!films.ok) return films;
    return {
      ok: true as const,
      data: { places: places.data.items, films: films.data.items, villageId: branch?.villageId ?? '' },
    };
  }, []);

  // Today by default: a session planned on the day is the common case, and the picker starts there.
  const today = shanghai().format('YYYY-MM-DD');
  const [kind, setKind] = useState<ActivityKind>('lesson');
  const [title, setTitle] = useState('');
  const [day, setDay] = useState(today);
  const [time, setTime] = useState('19:30');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [placeText, setPlaceText] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [filmIds, setFilmIds] = useState<string[]>([]);
  const [experts, setExperts] = useState('');
  const [audience, setAudience] = useState<'branch' | 'village'>('branch');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [requestId] = useState(newRequestId);

  async function submit(villageId: string) {
    // The secretary, a member of the branch, is reminded the day before too: asked on this tap.
    await askToBeTold('activity');
    setBusy(true);
    setMessage('');
    const answer = await activityApi.plan({
      requestId,
      branchId: params.branchId ?? '',
      kind,
      title,
      startAt: `${day}T${time}:00+08:00`,
      place: placeId ? { placeId } : { description: placeText },
      ...(speaker.trim() ? { speaker } : {}),
      filmIds: kind === 'film' ? filmIds : [],
      experts: experts.split(/[，,、\s]+/).filter(Boolean),
      audience: audience === 'branch' ? { kind: 'branch' } : { kind: 'village', unitId: villageId },
    });
    setBusy(false);
    if (!answer.ok) {
      setMessage(answer.error.message);
      return;
    }
    redirectTo({ url: `/packages/activity/detail?id=${answer.data._id}` });
  }

  return (
    <PageShell query={query} onRetry={reload}>
      {({ places, films, villageId }) => (
        <View className="act-card">
          <Text className="act-label">活动类型</Text>
          <View className="act-chips">
            {ACTIVITY_KINDS.map((k) => (
              <Button key={k} className={`act-chip${kind === k ? ' act-chip--on' : ''}`} onClick={() => setKind(k)}>
                {ACTIVITY_KIND_LABELS[k]}
              </Button>
            ))}
          </View>
          <Text className="act-label">主题</Text>
          <Input
            className="act-input"
            value={title}
            placeholder="例如：观看《榜样》"
            onInput={(e) => setTitle(e.detail.value)}
          />
          <Text className="act-label">日期</Text>
          <Picker mode="date" value={day} start={today} onChange={(e) => setDay(String(e.detail.value))}>
            <View className="act-input">{dayLabel(day)}</View>
          </Picker>
          <Text className="act-label">开始时间</Text>
          <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <View className="act-input">{time}</View>
          </Picker>
          <Text className="act-label">地点</Text>
          <PlaceChoice
            places={places}
            placeId={placeId}
            onPlaceId={setPlaceId}
            placeText={placeText}
            onPlaceText={setPlaceText}
          />
          {kind === 'film' ? (
            <>
              <Text className="act-label">放映影片</Text>
              <FilmChoice films={films} filmIds={filmIds} onChange={setFilmIds} />
            </>
          ) : (
            <>
              <Text className="act-label">主讲人</Text>
              <Input className="act-input" value={speaker} onInput={(e) => setSpeaker(e.detail.value)} />
            </>
          )}
          <Text className="act-label">邀请土专家、致富带头人（姓名，用逗号隔开）</Text>
          <Input className="act-input" value={experts} onInput={(e) => setExperts(e.detail.value)} />
          <Text className="act-label">参加人员</Text>
          <View className="act-chips">
            <Button
              className={`act-chip${audience === 'branch' ? ' act-chip--on' : ''}`}
              onClick={() => setAudience('branch')}
            >
              本支部党员
            </Button>
            <Button
              className={`act-chip${audience === 'village' ? ' act-chip--on' : ''}`}
              onClick={() => setAudience('village')}
            >
              全村党员
            </Button>
          </View>
          {message && <Text className="act-message">{message}</Text>}
          <Button className="act-button" disabled={disabledIf(busy)} onClick={() => submit(villageId)}>
            保存计划
          </Button>
        </View>
      )}
    </PageShell>
  );
}
