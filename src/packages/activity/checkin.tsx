import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { redirectTo, useRouter } from '@tarojs/taro';
import { ATTENDANCE_MODE_LABELS, parseScene } from '@honglin/types/activity';
import { activityApi } from '@/api/activity';
import { PageShell } from '@/components/PageShell';
import './activity.scss';

/** Where a scanned check-in code lands (scene = `<activityId>:<token>`): checks in at once, says how it went. */
export default function ScanCheckinPage() {
  const { params } = useRouter();
  const scanned = parseScene(decodeURIComponent(params.scene ?? ''));
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!scanned) {
      setResult({ ok: false, text: '二维码无法识别，请重新扫描现场的签到码' });
      return;
    }
    void activityApi
      .checkin({ id: scanned.id, token: scanned.token })
      .then((answer) =>
        setResult(
          answer.ok
            ? { ok: true, text: `${ATTENDANCE_MODE_LABELS[answer.data.mode]}成功：${answer.data.title}` }
            : { ok: false, text: answer.error.message },
        ),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one check-in per scan
  }, []);
  return (
    <PageShell>
      <View className="act-card">
        <Text className="act-title">{result ? (result.ok ? '签到成功' : '签到未成功') : '正在签到…'}</Text>
        {result && <Text className="act-line">{result.text}</Text>}
        {scanned && (
          <Button
            className="act-button act-button--plain"
            onClick={() => redirectTo({ url: `/packages/activity/detail?id=${scanned.id}` })}
          >
            查看活动
          </Button>
        )}
      </View>
    </PageShell>
  );
}
