import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { reLaunch } from '@tarojs/taro';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { refreshMe } from '@/hooks/useMe';
import './form.scss';

/** 注销账号: says exactly what the erasure (cloudfunctions/common/personalData.ts) removes and what stays, and asks twice. */
export default function DeleteAccountPage() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const remove = async () => {
    setBusy(true);
    setError('');
    const answer = await userApi.deleteAccount({ confirm: true });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    await refreshMe();
    reLaunch({ url: '/pages/home/index' });
  };

  return (
    <PageShell>
      <View className="hl-section">
        <Text className="hl-section__title">注销账号</Text>
        <Text className="hl-text">注销后：</Text>
        <Text className="hl-text">· 您的账号、称呼、头像和手机号会被删除，您担任的邻长、党员等身份会被取消。</Text>
        <Text className="hl-text">· 您上传的照片会从云存储中删除，您的观影记录会被删除，您关注的诉求不再关注。</Text>
        <Text className="hl-text">
          ·
          您参与过的诉求、承诺、走访、签到等记录只保留办事内容和统计数字，其中您的姓名、手机号和微信身份都会被抹去，显示为“已注销用户”。全镇、全村的统计数字不变。
        </Text>
        <Text className="hl-text">
          · 您认领过的党员花名册记录会被删除，住户名单里留有您手机号的，这个号码会被去掉。
        </Text>
        <Text className="hl-text">· 记录很多时，抹去会在几分钟内完成。</Text>
        <Text className="hl-text">· 注销后再次使用红邻，需要重新同意隐私保护指引，之前的身份不会恢复。</Text>
        {error && <Text className="hl-error">{error}</Text>}
        {confirming ? (
          <Button className="hl-button hl-button--primary" loading={busy} disabled={busy} onClick={remove}>
            确认注销，不可恢复
          </Button>
        ) : (
          <Button className="hl-button hl-button--primary" onClick={() => setConfirming(true)}>
            我要注销账号
          </Button>
        )}
      </View>
    </PageShell>
  );
}
