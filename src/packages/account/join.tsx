import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { switchTab } from '@tarojs/taro';
import { JOIN_CODE_LENGTH, type RosterJoinNames, type RosterLinkResult } from '@honglin/types/roster';
import { rosterApi } from '@/api/roster';
import { PageShell } from '@/components/PageShell';
import { PrivacyDialog } from '@/components/PrivacyDialog';
import { refreshMe, useMe } from '@/hooks/useMe';
import './form.scss';

type Step =
  | { at: 'code' }
  | { at: 'name'; code: string; names: RosterJoinNames }
  | { at: 'digits'; code: string; names: RosterJoinNames; person: { personId: string; name: string } }
  | { at: 'linked'; result: RosterLinkResult };

/**
 * 加入党支部名册: a member on the branch's imported roster links themselves — the join code read out at the branch
 * meeting, their own name from the roster, the last four digits of the phone on record — and gets the roles the
 * roster names.
 */
export default function JoinPage() {
  const { query, reload } = useMe();
  const [step, setStep] = useState<Step>({ at: 'code' });
  const [code, setCode] = useState('');
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const back = (to: Step) => {
    setError('');
    setDigits('');
    setStep(to);
  };
  const findNames = async () => {
    setBusy(true);
    setError('');
    const answer = await rosterApi.joinNames({ code });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setStep({ at: 'name', code: code.trim().toUpperCase(), names: answer.data });
  };
  const link = async (s: Extract<Step, { at: 'digits' }>) => {
    setBusy(true);
    setError('');
    const answer = await rosterApi.link({ code: s.code, personId: s.person.personId, phoneLast4: digits });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setStep({ at: 'linked', result: answer.data });
    await refreshMe();
  };

  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => (
        <View>
          <PrivacyDialog me={me} />
          {!me.known && (
            <View className="hl-section">
              <Text className="hl-text">请先同意隐私保护指引，再加入党支部名册。</Text>
            </View>
          )}
          {me.known && step.at === 'code' && (
            <View className="hl-section">
              <Text className="hl-section__title">输入入支部码</Text>
              <Text className="hl-text">
                党支部书记会在支部会议上告诉大家本支部的{JOIN_CODE_LENGTH}位入支部码。输入后，在名册中找到自己的名字。
              </Text>
              <Input
                className="hl-input hl-code"
                value={code}
                maxlength={JOIN_CODE_LENGTH}
                placeholder={`${JOIN_CODE_LENGTH}位入支部码`}
                onInput={(e) => setCode(e.detail.value.toUpperCase())}
              />
              {error && <Text className="hl-error">{error}</Text>}
              <Button
                className="hl-button hl-button--primary"
                loading={busy}
                disabled={busy || code.trim().length !== JOIN_CODE_LENGTH}
                onClick={findNames}
              >
                下一步
              </Button>
            </View>
          )}
          {step.at === 'name' && (
            <View className="hl-section">
              <Text className="hl-section__title">{step.names.branchName}：请选择您的名字</Text>
              {step.names.people.length === 0 && (
                <Text className="hl-text">名册上的人都已加入。如果名册上没有您，请联系党支部书记。</Text>
              )}
              {step.names.people.map((p) => (
                <View
                  key={p.personId}
                  className="hl-row"
                  onClick={() => back({ at: 'digits', code: step.code, names: step.names, person: p })}
                >
                  <Text>{p.name}</Text>
                  <Text className="hl-row__side">›</Text>
                </View>
              ))}
              <Button className="hl-button" onClick={() => back({ at: 'code' })}>
                重新输入入支部码
              </Button>
            </View>
          )}
          {step.at === 'digits' && (
            <View className="hl-section">
              <Text className="hl-section__title">确认是您本人：{step.person.name}</Text>
              <Text className="hl-text">请输入名册上登记的手机号的后四位。</Text>
              <Input
                className="hl-input hl-code"
                type="number"
                value={digits}
                maxlength={4}
                placeholder="手机号后四位"
                onInput={(e) => setDigits(e.detail.value)}
              />
              {error && <Text className="hl-error">{error}</Text>}
              <Button
                className="hl-button hl-button--primary"
                loading={busy}
                disabled={busy || !/^\d{4}$/.test(digits)}
                onClick={() => link(step)}
              >
                确认加入
              </Button>
              <Button className="hl-button" onClick={() => back({ at: 'name', code: step.code, names: step.names })}>
                不是我，重新选择名字
              </Button>
            </View>
          )}
          {step.at === 'linked' && (
            <View className="hl-section">
              <Text className="hl-section__title">已加入{step.result.branchName}</Text>
              <Text className="hl-success">
                {step.result.name}，您现在的身份：{step.result.roles.join('、') || '党员'}。
              </Text>
              <Button className="hl-button hl-button--primary" onClick={() => switchTab({ url: '/pages/me/index' })}>
                回到“我的”
              </Button>
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
