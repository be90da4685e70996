import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { CheckinToken } from '@honglin/types/activity';
import { activityApi } from '@/api/activity';

/** The check-in code: the mini-program code and the 6-digit code, fetched again when its 30 s window ends. */
export function CheckinScreen({ id }: { id: string }) {
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
