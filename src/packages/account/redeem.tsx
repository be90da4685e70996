import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { switchTab, useRouter } from '@tarojs/taro';
import { ROLE_LABELS } from '@honglin/types/org';
import type { RedeemInviteResult } from '@honglin/types/user';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { PrivacyDialog } from '@/components/PrivacyDialog';
import { refreshMe, useMe } from '@/hooks/useMe';
import './form.scss';

/** 接受邀请: type the 8-character code, or arrive by scanning the invitation's mini-program code (scene = code). */
export default function RedeemPage() {
  const { params } = useRouter();
  const fromLink = decodeURIComponent(params.scene ?? params.code ?? '');
  const { query, reload } = useMe();
  const [code, setCode] = useState(fromLink);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<RedeemInviteResult | null>(null);

  const redeem = async () => {
    setBusy(true);
    setError('');
    const answer = await userApi.redeemInvite({ code });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    setDone(answer.data);
    await refreshMe();
  };

  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => (
        <View>
          <PrivacyDialog me={me} />
          {done ? (
            <View className="hl-section">
              <Text className="hl-section__title">已接受邀请</Text>
              <Text className="hl-success">
                {done.personName ? `${done.personName}，` : ''}您现在是{done.targetName}的{ROLE_LABELS[done.grant.role]}
                。
              </Text>
              <Button className="hl-button hl-button--primary" onClick={() => switchTab({ url: '/pages/home/index' })}>
                回到首页
              </Button>
            </View>
          ) : (
            <View className="hl-section">
              <Text className="hl-section__title">输入邀请码</Text>
              <Text className="hl-text">
                管理员邀请您担任某个角色时，会给您一个8位邀请码或一个小程序码。邀请码只能使用一次，过期后请联系管理员重新邀请。
              </Text>
              <Input
                className="hl-input hl-code"
                value={code}
                maxlength={9}
                placeholder="8位邀请码"
                onInput={(e) => setCode(e.detail.value.toUpperCase())}
              />
              {error && <Text className="hl-error">{error}</Text>}
              <Button
                className="hl-button hl-button--primary"
                loading={busy}
                disabled={busy || code.trim().length < 8 || !me.known}
                onClick={redeem}
              >
                接受邀请
              </Button>
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
