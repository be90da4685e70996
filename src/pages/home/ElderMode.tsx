import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { declineElderMode, setElderMode, shouldAskAboutElderMode, useElderMode } from '@/lib/elderMode';

/** Asked once, on first launch, above everything: the answer is kept and the switch stays on 首页 and in 我的. */
export function ElderModeQuestion() {
  const [asking, setAsking] = useState(shouldAskAboutElderMode);
  if (!asking) return null;
  const answer = (on: boolean) => {
    if (on) setElderMode(true);
    else declineElderMode();
    setAsking(false);
  };
  return (
    <View className="home-block home-elder-question">
      <Text className="home-elder-question__title">字太小、看不清？</Text>
      <Text className="home-block__text">打开长辈模式，字更大，按钮更大更好点。以后可以在首页和“我的”里随时开关。</Text>
      <Button className="home-button home-button--primary" onClick={() => answer(true)}>
        打开长辈模式
      </Button>
      <Button className="home-button" onClick={() => answer(false)}>
        不用了
      </Button>
    </View>
  );
}

/** 长辈模式 on 首页: one tap turns it on or off. */
export function ElderModeToggle() {
  const on = useElderMode();
  return (
    <Button className="home-button home-elder-toggle" onClick={() => setElderMode(!on)}>
      {on ? '关闭长辈模式（恢复标准字号）' : '长辈模式（大字）'}
    </Button>
  );
}
