import { useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import { chooseImage, navigateBack } from '@tarojs/taro';
import { imageUrl, uploadImage } from '@/api/transport';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { refreshMe, useMe } from '@/hooks/useMe';
import './form.scss';

const weapp = process.env.TARO_ENV === 'weapp';

/** Name, avatar (WeChat's avatar chooser in the weapp) and an optional phone number. */
export default function ProfilePage() {
  const { query, reload } = useMe();
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => (
        <ProfileForm initial={{ nickname: me.nickname, avatarUrl: me.avatarUrl, phone: me.phone }} openid={me.openid} />
      )}
    </PageShell>
  );
}

interface ProfileFields {
  nickname: string;
  avatarUrl: string;
  phone: string;
}

function ProfileForm({ initial, openid }: { initial: ProfileFields; openid: string }) {
  const [fields, setFields] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const uploadAvatar = async (localPath: string) => {
    setBusy(true);
    const uploaded = await uploadImage(localPath, `avatars/${openid}-${Date.now()}.png`);
    setBusy(false);
    if (uploaded.ok) setFields((f) => ({ ...f, avatarUrl: uploaded.data.fileID }));
    else setMessage({ ok: false, text: uploaded.error.message });
  };
  const pickInH5 = async () => {
    const picked = await chooseImage({ count: 1, sizeType: ['compressed'] });
    if (picked.tempFilePaths[0]) await uploadAvatar(picked.tempFilePaths[0]);
  };

  const save = async () => {
    setBusy(true);
    setMessage(null);
    const answer = await userApi.updateProfile({
      nickname: fields.nickname.trim(),
      avatarUrl: fields.avatarUrl,
      phone: fields.phone.trim(),
    });
    setBusy(false);
    if (!answer.ok) {
      setMessage({ ok: false, text: answer.error.message });
      return;
    }
    await refreshMe();
    setMessage({ ok: true, text: '已保存' });
    navigateBack();
  };

  return (
    <View className="hl-section">
      <Text className="hl-label">头像</Text>
      {fields.avatarUrl && <Image className="hl-qr" src={imageUrl(fields.avatarUrl)} mode="aspectFill" />}
      {weapp ? (
        <Button className="hl-button" openType="chooseAvatar" onChooseAvatar={(e) => uploadAvatar(e.detail.avatarUrl)}>
          选择微信头像
        </Button>
      ) : (
        <Button className="hl-button" onClick={pickInH5}>
          选择头像图片
        </Button>
      )}
      <Text className="hl-label">称呼</Text>
      <Input
        className="hl-input"
        type={weapp ? 'nickname' : 'text'}
        value={fields.nickname}
        maxlength={20}
        placeholder="请输入您的称呼"
        onInput={(e) => setFields((f) => ({ ...f, nickname: e.detail.value }))}
        onBlur={(e) => setFields((f) => ({ ...f, nickname: e.detail.value }))}
      />
      <Text className="hl-label">手机号（选填）</Text>
      <Input
        className="hl-input"
        type="number"
        value={fields.phone}
        maxlength={11}
        placeholder="方便邻长联系您，可不填"
        onInput={(e) => setFields((f) => ({ ...f, phone: e.detail.value }))}
      />
      <Text className="hl-note">
        完整手机号只有您本人能看到，其他人（包括管理员）看到的是 138****5678 这样的形式；不会被自动填到诉求里。
      </Text>
      {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
      <Button className="hl-button hl-button--primary" loading={busy} disabled={busy} onClick={save}>
        保存
      </Button>
    </View>
  );
}
