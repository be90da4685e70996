import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { ATTENDANCE_MODE_LABELS, type ActivityDetail, type RosterMember } from '@honglin/types/activity';
import { activityApi } from '@/api/activity';
import { useQuery } from '@/lib/useQuery';
import { disabledIf } from './context';
import { ActionRun } from './useAction';

/** 参加人员: the branch's members with their attendance; the organiser registers, excuses or visits those absent. */
export function AttendanceRegister({
  detail,
  busy,
  run,
  onChanged,
}: {
  detail: ActivityDetail;
  busy: boolean;
  run: ActionRun;
  onChanged: () => void;
}) {
  const a = detail.activity;
  const { query: rosterQuery } = useQuery(() => activityApi.roster({ id: a._id }), [a._id, a.updatedAt]);
  const [extraName, setExtraName] = useState('');
  const [reason, setReason] = useState('');
  const recorded = new Map(detail.attendance.filter((r) => r.openid).map((r) => [r.openid as string, r]));
  const roster: RosterMember[] = rosterQuery.status === 'success' ? rosterQuery.data : [];
  const canRegister = a.status === 'open' || a.status === 'held' || a.status === 'recorded';
  return (
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
  );
}
