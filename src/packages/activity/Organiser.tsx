import { Button, Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import type { ActivityDetail } from '@honglin/types/activity';
import { activityApi } from '@/api/activity';
import { disabledIf } from './context';
import { dateTimeWithWeekday as when } from '@/lib/datetime';
import { dayOf } from '@honglin/types/time';
import { useAction } from './useAction';
import { CheckinScreen } from './CheckinScreen';
import { AttendanceRegister } from './AttendanceRegister';

/** The organiser's part: opening and closing check-in (or 补录), the record, and the attendance register. */
export function Organiser({ detail, onChanged }: { detail: ActivityDetail; onChanged: () => void }) {
  const a = detail.activity;
  const { message, busy, run } = useAction();
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
      <AttendanceRegister detail={detail} busy={busy} run={run} onChanged={onChanged} />
    </View>
  );
}
