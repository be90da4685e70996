import { useEffect, useState } from 'react';
import Taro, { navigateTo } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_VERSION, type Me } from '@honglin/types/user';
import { userApi } from '@/api/user';
import { refreshMe } from '@/hooks/useMe';
import './index.scss';

type PrivacyAnswer = { buttonId?: string; event: 'agree' | 'disagree' };

/**
 * WeChat holds a private-info call (chooseImage, chooseLocation, setClipboardData, chooseAvatar …) until the user
 * answers its privacy question (wx.onNeedPrivacyAuthorization). The one pending answer lives here, shared by every
 * mounted PrivacyPrompt (PageShell mounts one on every page), so whichever page made the call shows the question.
 */
let pendingAnswer: ((answer: PrivacyAnswer) => void) | null = null;
const askListeners = new Set<(asked: boolean) => void>();

function setPending(resolve: ((answer: PrivacyAnswer) => void) | null): void {
  pendingAnswer = resolve;
  for (const listener of askListeners) listener(resolve !== null);
}

/** Answers WeChat's pending question, if any, and closes every prompt. */
function answerWeChat(answer: PrivacyAnswer): void {
  pendingAnswer?.(answer);
  setPending(null);
}

/** WeChat's onNeedPrivacyAuthorization listener: the question is now pending until a prompt answers it. */
export function onPrivacyQuestion(resolve: (answer: PrivacyAnswer) => void): void {
  setPending(resolve);
}

if (process.env.TARO_ENV === 'weapp') {
  Taro.onNeedPrivacyAuthorization((resolve) => onPrivacyQuestion(resolve as (answer: PrivacyAnswer) => void));
}

/** Whether WeChat is waiting for the privacy answer now. */
function useAskedByWeChat(): boolean {
  const [asked, setAsked] = useState(pendingAnswer !== null);
  useEffect(() => {
    askListeners.add(setAsked);
    setAsked(pendingAnswer !== null);
    return () => {
      askListeners.delete(setAsked);
    };
  }, []);
  return asked;
}

const AGREE_BUTTON_ID = 'hl-privacy-agree';

/** The full guideline: WeChat's own page of it where the base library has one, else ours. */
function openGuideline(): void {
  if (process.env.TARO_ENV === 'weapp' && Taro.canIUse('openPrivacyContract')) {
    Taro.openPrivacyContract({ fail: () => navigateTo({ url: '/packages/account/privacy' }) });
    return;
  }
  navigateTo({ url: '/packages/account/privacy' });
}

interface PrivacyCardProps {
  title: string;
  /** Besides telling WeChat (if it asked). */
  onDeclined?: () => void;
}

/**
 * The agreement itself. In the weapp the agree button is WeChat's own (open-type="agreePrivacyAuthorization"),
 * which records WeChat's consent; in H5 the same card with a plain button. Agreeing stores the consent with us too.
 */
function PrivacyCard({ title, onDeclined }: PrivacyCardProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

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
    answerWeChat({ buttonId: AGREE_BUTTON_ID, event: 'agree' });
    await refreshMe();
  };
  const decline = () => {
    answerWeChat({ event: 'disagree' });
    onDeclined?.();
  };

  return (
    <View
      className={`hl-privacy${process.env.TARO_ENV === 'h5' ? ' hl-privacy--h5' : ''}`}
      role="dialog"
      aria-label="隐私保护指引"
    >
      <View className="hl-privacy__card">
        <Text className="hl-privacy__title">{title}</Text>
        <Text className="hl-privacy__body">
          在您同意之前，我们不会保存您的任何信息。同意后，我们只保存为您办事所必需的内容：您的微信身份标识、您填写的称呼和头像、您选择的所在村（社区）和邻，以及您自愿填写的手机号。完整手机号只有您本人能看到。您可以随时在“我的”里注销账号。
        </Text>
        <Text className="hl-privacy__link" onClick={openGuideline}>
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

interface PrivacyDialogProps {
  /** The current user; the dialog shows until they have agreed to this version of the guideline. */
  me: Me;
}

/** 隐私保护指引 on first use (and after it changes): nothing about the person is stored until they agree here. */
export function PrivacyDialog({ me }: PrivacyDialogProps) {
  const [declined, setDeclined] = useState(false);
  if (me.known && !me.privacyOutdated) return null;
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
  return (
    <PrivacyCard
      title={me.privacyOutdated ? '隐私保护指引已更新' : '欢迎使用红邻'}
      onDeclined={() => setDeclined(true)}
    />
  );
}

/**
 * The same agreement when WeChat asks for it: on whatever page a tap called a private-info API, so the call never
 * waits on a question nobody sees. PageShell mounts it on every page; it shows only while WeChat waits.
 */
export function PrivacyPrompt() {
  const asked = useAskedByWeChat();
  if (!asked) return null;
  return <PrivacyCard title="使用前请阅读隐私保护指引" />;
}
