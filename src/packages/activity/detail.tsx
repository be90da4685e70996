import { useEffect, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import { navigateTo, useRouter } from '@tarojs/taro';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  ATTENDANCE_MODE_LABELS,
  PRESENT_MODES,
  type ActivityDetail,
  type CheckinToken,
  type RosterMember,
} from '@honglin/types/activity';
import type { Envelope } from '@honglin/types/envelope';
import { activityApi } from '@/api/activity';
import { PageShell } from '@/components/PageShell';
import { Photos } from '@/components/PhotoPicker';
import { useQuery } from '@/lib/useQuery';
import { disabledIf } from './context';
import { dateTimeWithWeekday as when } from '@/lib/datetime';
import { dayOf } from '@honglin/types/time';
import { useReloadOnReturn } from './useReloadOnReturn';
import './activity.scss';

/** One activity: what, when, where; for the organiser the check-in screen and the attendee list; for a member, check-in. */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { query, reload } = useQuery(() => activityApi.get({ id }), [id]);
  useReloadOnReturn(reload);
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

function useAction() {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  async function run<T>(call: () => Promise<Envelope<T>>, done: (data: T) => void) {
    setBusy(true);
    setMessage('');
    const answer = await call();
    setBusy(false);
    if (answer.ok) done(answer.data);
    else setMessage(answer.error.message);
  }
  return { message, setMessage, busy, run };
}

/** The check-in code: the mini-program code and the 6-digit code, fetched again when its 30 s window ends. */
function CheckinScreen({ id }: { id: string }) {
  const [token, setToken] = useState<CheckinToken | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const refresh = async () => {
      const answer = await activityApi.checkinToken({ id });
      if (!live) return;
      if (answer.ok) {
        setToken(answer.data);
        setError('');
        timer = setTimeout(refresh, Math.max(1000, new Date(answer.data.expiresAt).getTime() - Date.now() + 200));
      } else {
        setError(answer.error.message);
        timer = setTimeout(refresh, 5000);
      }
    };
    void refresh();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [id]);
  return (
    <View className="act-card">
      <Text className="act-title">请党员扫码签到</Text>
      {token && <Image className="act-qr" src={`data:image/png;base64,${token.qrPng}`} />}
      <Text className="act-line">或在小程序里输入签到码：</Text>
      <Text className="act-code" data-testid="checkin-code">
        {token?.code ?? '······'}
      </Text>
      <Text className="act-line">签到码每30秒更新一次</Text>
      {error && <Text className="act-message">{error}</Text>}
    </View>
  );
}

function Organiser({ detail, onChanged }: { detail: ActivityDetail; onChanged: () => void }) {
  const a = detail.activity;
  const { message, busy, run } = useAction();
  const { query: rosterQuery } = useQuery(() => activityApi.roster({ id: a._id }), [a._id, a.updatedAt]);
  const [extraName, setExtraName] = useState('');
  const [reason, setReason] = useState('');
  const recorded = new Map(detail.attendance.filter((r) => r.openid).map((r) => [r.openid as string, r]));
  const roster: RosterMember[] = rosterQuery.status === 'success' ? rosterQuery.data : [];
  const canRegister = a.status === 'open' || a.status === 'held' || a.status === 'recorded';
  // Check-in opens on the session's own day; a session of an earlier day is entered afterwards (补录).
  const dayPassed = dayOf(a.startAt) < dayOf(new Date());

  return (
    <View>
      {a.status === 'open' && <CheckinScreen id={a._id} />}
      <View className="act-card">
        {a.status === 'planned' && !dayPassed && (
          <Button
            className="act-button"
            disabled={disabledIf(busy)}
            onClick={() => run(() => activityApi.openCheckin({ id: a._id }), onChanged)}
          >
            开始签到
          </Button>
        )}
        {a.status === 'planned' && dayPassed && (
          <View>
            <Text className="act-line">活动日期已过，不能再签到。如果活动已经举行，请补录，再登记参加人员。</Text>
            <Button
              className="act-button"
              disabled={disabledIf(busy)}
              onClick={() => run(() => activityApi.markHeld({ id: a._id }), onChanged)}
            >
              补录为已举行
            </Button>
          </View>
        )}
        {a.backfilledAt && <Text className="act-line">补录于 {when(a.backfilledAt)}</Text>}
        {a.status === 'open' && (
          <Button
            className="act-button act-button--plain"
            disabled={disabledIf(busy)}
            onClick={() => run(() => activityApi.openCheckin({ id: a._id, close: true }), onChanged)}
          >
            结束签到
          </Button>
        )}
        {(a.status === 'held' || a.status === 'recorded') && (
          <Button className="act-button" onClick={() => navigateTo({ url: `/packages/activity/record?id=${a._id}` })}>
            {a.status === 'held' ? '填写活动记录' : '修改活动记录'}
          </Button>
        )}
        {message && <Text className="act-message">{message}</Text>}
      </View>
      <View className="act-card">
        <Text className="act-title">
          参加 {a.attendance.present} 人 · 请假 {a.attendance.absent} 人 · 送学上门 {a.attendance.delivered} 人
        </Text>
        <Text className="act-label">请假原因（登记请假前填写）</Text>
        <Input
          className="act-input"
          value={reason}
          placeholder="例如：外出务工"
          onInput={(e) => setReason(e.detail.value)}
        />
        {roster.map((m) => {
          const record = recorded.get(m.openid);
          return (
            <View key={m.openid} className="act-row" data-testid={`roster-${m.name}`}>
              <Text className="act-line">{m.name}</Text>
              {record ? (
                <Text className="act-tag act-tag--done">
                  {ATTENDANCE_MODE_LABELS[record.mode]}
                  {record.mode === 'absent' && record.reason ? `：${record.reason}` : ''}
                </Text>
              ) : (
                <View className="act-row__actions">
                  {canRegister && (
                    <Button
                      className="act-small"
                      disabled={disabledIf(busy)}
                      onClick={() =>
                        run(() => activityApi.addAttendee({ id: a._id, attendee: { openid: m.openid } }), onChanged)
                      }
                    >
                      代为登记
                    </Button>
                  )}
                  <Button
                    className="act-small"
                    disabled={disabledIf(busy)}
                    onClick={() =>
                      run(
                        () =>
                          activityApi.markAbsent({
                            id: a._id,
                            attendee: { openid: m.openid },
                            reason: reason || '请假',
                          }),
                        onChanged,
                      )
                    }
                  >
                    请假
                  </Button>
                </View>
              )}
              {record?.mode === 'absent' && canRegister && (
                <Button
                  className="act-small"
                  disabled={disabledIf(busy)}
                  onClick={() =>
                    run(
                      () => activityApi.addAttendee({ id: a._id, attendee: { openid: m.openid }, mode: 'delivered' }),
                      onChanged,
                    )
                  }
                >
                  送学上门
                </Button>
              )}
            </View>
          );
        })}
        {detail.attendance
          .filter((r) => !r.openid)
          .map((r) => (
            <View key={r._id} className="act-row">
              <Text className="act-line">{r.name}</Text>
              <Text className="act-tag act-tag--done">{ATTENDANCE_MODE_LABELS[r.mode]}</Text>
            </View>
          ))}
        {canRegister && (
          <>
            <Text className="act-label">没有手机的党员，填写姓名代为登记</Text>
            <Input className="act-input" value={extraName} onInput={(e) => setExtraName(e.detail.value)} />
            <Button
              className="act-button act-button--plain"
              disabled={disabledIf(busy || !extraName.trim())}
              onClick={() =>
                run(
                  () => activityApi.addAttendee({ id: a._id, attendee: { name: extraName } }),
                  () => {
                    setExtraName('');
                    onChanged();
                  },
                )
              }
            >
              代为登记
            </Button>
          </>
        )}
      </View>
    </View>
  );
}

function MemberCheckin({ detail, onChanged }: { detail: ActivityDetail; onChanged: () => void }) {
  const a = detail.activity;
  const mine = detail.attendance[0];
  const [code, setCode] = useState('');
  const { message, busy, run } = useAction();
  if (mine) {
    return (
      <View className="act-card">
        <Text className="act-title">
          {PRESENT_MODES.includes(mine.mode) ? '您已签到' : ATTENDANCE_MODE_LABELS[mine.mode]}
        </Text>
        <Text className="act-line">登记方式：{ATTENDANCE_MODE_LABELS[mine.mode]}</Text>
        {mine.reason && <Text className="act-line">原因：{mine.reason}</Text>}
      </View>
    );
  }
  if (a.status !== 'open') {
    return (
      <View className="act-card">
        <Text className="act-line">{a.status === 'planned' ? '活动开始后，组织者会打开签到' : '本次活动未签到'}</Text>
      </View>
    );
  }
  return (
    <View className="act-card">
      <Text className="act-title">现场签到</Text>
      <Text className="act-line">用微信扫一扫现场的二维码；或者把组织者手机上显示的6位数字签到码填在下面。</Text>
      <Text className="act-label">签到码</Text>
      <Input
        className="act-input act-code"
        type="number"
        maxlength={6}
        value={code}
        placeholder="填6位数字"
        aria-label="签到码"
        onInput={(e) => setCode(e.detail.value)}
      />
      {message && <Text className="act-message">{message}</Text>}
      <Button
        className="act-button"
        disabled={disabledIf(busy || code.length !== 6)}
        onClick={() => run(() => activityApi.checkin({ id: a._id, code }), onChanged)}
      >
        签到
      </Button>
    </View>
  );
}
