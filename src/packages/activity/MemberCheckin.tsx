import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { ATTENDANCE_MODE_LABELS, PRESENT_MODES, type ActivityDetail } from '@honglin/types/activity';
import { activityApi } from '@/api/activity';
import { disabledIf } from './context';
import { useAction } from './useAction';

/** A member's part: check in with the 6-digit code while check-in is open, or how they were registered. */
export function MemberCheckin({ detail, onChanged }: { detail: ActivityDetail; onChanged: () => void }) {
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
