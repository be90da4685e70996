import { useEffect, useState } from 'react';
import Taro, { navigateTo } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_VERSION, type Me } from '@honglin/types/user';
import { userApi } from '@/api/user';
import { refreshMe } from '@/hooks/useMe';
import './index.scss';

type PrivacyAnswer = { buttonId?: string; event: 'agree' | 'disagree' };

/** The weapp asks before a private-info API runs (wx.onNeedPrivacyAuthorization); we answer from this dialog. */
let pendingAnswer: ((answer: PrivacyAnswer) => void) | null = null;
const askListeners = new Set<() => void>();
if (process.env.TARO_ENV === 'weapp') {
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pendingAnswer = resolve as (answer: PrivacyAnswer) => void;
    for (const listener of askListeners) listener();
  });
}

const AGREE_BUTTON_ID = 'hl-privacy-agree';

interface PrivacyDialogProps {
  /** The current user; the dialog shows until they have agreed to this version of the guideline. */
  me: Me;
}

/**
 * 隐私保护指引 on first use: nothing about the person is stored until they agree here. In the weapp the agree
 * button is WeChat's own (open-type="agreePrivacyAuthorization"); in H5 the same dialog with a plain button.
 */
export function PrivacyDialog({ me }: PrivacyDialogProps) {
  const [askedByWeapp, setAskedByWeapp] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    const listener = () => {
      setDeclined(false);
      setAskedByWeapp(true);
    };
    askListeners.add(listener);
    return () => {
      askListeners.delete(listener);
    };
  }, []);

  const needed = !me.known || me.privacyOutdated || askedByWeapp;
  if (!needed) return null;
  if (declined) {
    return (
      <View className="hl-privacy-note">
        <Text>您还没有同意隐私保护指引，可以先浏览公开内容。</Text>
        <Button className="hl-privacy-note__action" onClick={() => setDeclined(false)}>
          阅读并同意
        </Button>
      </View>
    );
  }

  const agree = async () => {
    if (saving) return;
    setSaving(true);
    setError('');
    const answer = await userApi.acceptPrivacy({ version: PRIVACY_VERSION });
    setSaving(false);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    pendingAnswer?.({ buttonId: AGREE_BUTTON_ID, event: 'agree' });
    pendingAnswer = null;
    setAskedByWeapp(false);
    await refreshMe();
  };
  const decline = () => {
    pendingAnswer?.({ event: 'disagree' });
    pendingAnswer = null;
    setAskedByWeapp(false);
    setDeclined(true);
  };

  return (
    <View
      className={`hl-privacy${process.env.TARO_ENV === 'h5' ? ' hl-privacy--h5' : ''}`}
      role="dialog"
      aria-label="隐私保护指引"
    >
      <View className="hl-privacy__card">
        <Text className="hl-privacy__title">{me.privacyOutdated ? '隐私保护指引已更新' : '欢迎使用红邻'}</Text>
        <Text className="hl-privacy__body">
          在您同意之前，我们不会保存您的任何信息。同意后，我们只保存为您办事所必需的内容：您的微信身份标识、您填写的称呼和头像、您选择的所在村（社区）和邻，以及您自愿填写的手机号。完整手机号只有您本人能看到。您可以随时在“我的”里注销账号。
        </Text>
        <Text className="hl-privacy__link" onClick={() => navigateTo({ url: '/packages/account/privacy' })}>
          查看《红邻隐私保护指引》全文
        </Text>
        {error && <Text className="hl-privacy__error">{error}</Text>}
        <Button
          id={AGREE_BUTTON_ID}
          className="hl-privacy__agree"
          openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
          onAgreePrivacyAuthorization={agree}
          onClick={process.env.TARO_ENV === 'weapp' ? undefined : agree}
          loading={saving}
        >
          同意并继续
        </Button>
        <Button className="hl-privacy__decline" onClick={decline}>
          暂不同意
        </Button>
      </View>
    </View>
  );
}
