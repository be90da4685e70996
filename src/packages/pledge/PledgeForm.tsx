import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { redirectTo } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import {
  PLEDGE_CATEGORIES,
  PLEDGE_CATEGORY_LABELS,
  type PledgeCategory,
  type PledgeDetail,
} from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import { Chip } from '@/components/Chip';
import { RequestLinkPicker } from './RequestLinkPicker';
import { dayLabel } from '@/lib/datetime';
import { newRequestId } from '@/lib/requestId';
import { BranchChips } from '@/components/pledge/BranchChips';
import { inAMonth, today, type BranchChoice } from '@/lib/pledgeRoles';
import { askToBeTold } from '@/lib/subscribe';

/** The form's fields as typed, before they are checked and sent. */
interface Draft {
  category: PledgeCategory | undefined;
  content: string;
  target: string;
  dueDay: string;
  linkedRequestId: string;
}

const emptyDraft = (): Draft => ({
  category: undefined,
  content: '',
  target: '',
  dueDay: inAMonth(),
  linkedRequestId: '',
});

/** The pledge's fields, 保存草稿 and 提交支部审核; a pledge given fills them in to be changed. */
export function PledgeForm({ branches, pledge }: { branches: BranchChoice[]; pledge: PledgeDetail | null }) {
  const [draft, setDraft] = useState<Draft>(
    pledge
      ? {
          category: pledge.category,
          content: pledge.content,
          target: pledge.target,
          dueDay: pledge.dueDay,
          linkedRequestId: pledge.linkedRequestId ?? '',
        }
      : emptyDraft(),
  );
  const [branchId, setBranchId] = useState(branches[0]?.id);
  const [requestId] = useState(newRequestId);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function save(submit: boolean) {
    if (!draft.category) return setError('请选择承诺类别');
    if (!draft.content.trim()) return setError('请填写承诺内容');
    if (!draft.target.trim()) return setError('请填写完成目标');
    if (submit) await askToBeTold('pledge');
    setError('');
    setSaving(true);
    const fields = {
      category: draft.category,
      content: draft.content,
      target: draft.target,
      dueDay: draft.dueDay,
      ...(draft.linkedRequestId ? { linkedRequestId: draft.linkedRequestId } : {}),
      submit,
    };
    const answer = pledge
      ? await pledgeApi.update({ id: pledge.id, ...fields })
      : await pledgeApi.create({ requestId, branchId, ...fields });
    setSaving(false);
    if (!answer.ok) return setError(answer.error.message);
    redirectTo({ url: `/packages/pledge/detail?id=${answer.data.id}` });
  }

  return (
    <View>
      {pledge?.returnReason && <Text className="pl-form__error">退回原因：{pledge.returnReason}</Text>}
      {branches.length > 1 && (
        <View>
          <Text className="pl-form__label">在哪个支部承诺</Text>
          <BranchChips branches={branches} branchId={branchId} onChoose={setBranchId} />
        </View>
      )}
      <Text className="pl-form__label">承诺类别</Text>
      <View className="pl-chips">
        {PLEDGE_CATEGORIES.map((c) => (
          <Chip key={c} area="pl" on={draft.category === c} onTap={() => set({ category: c })}>
            {PLEDGE_CATEGORY_LABELS[c]}
          </Chip>
        ))}
      </View>
      <Text className="pl-form__label">承诺做什么</Text>
      <Textarea
        className="pl-form__textarea"
        placeholder="写清楚具体做什么，例如：帮本组3户独居老人每月打扫一次卫生"
        maxlength={500}
        value={draft.content}
        onInput={(e) => set({ content: e.detail.value })}
      />
      <Text className="pl-form__label">完成目标（能看得见、数得清）</Text>
      <Input
        className="pl-form__input"
        placeholder="例如：每月2次，共服务6户"
        maxlength={200}
        value={draft.target}
        onInput={(e) => set({ target: e.detail.value })}
      />
      <Text className="pl-form__label">完成日期</Text>
      <Picker
        mode="date"
        value={draft.dueDay}
        start={today()}
        onChange={(e) => set({ dueDay: String(e.detail.value) })}
      >
        <View className="pl-form__picker">{dayLabel(draft.dueDay)}</View>
      </Picker>
      <Text className="pl-form__label">回应哪条群众诉求（可不选）</Text>
      <RequestLinkPicker value={draft.linkedRequestId} onChange={(linkedRequestId) => set({ linkedRequestId })} />
      {error && <Text className="pl-form__error">{error}</Text>}
      <View className="pl-actions" style={{ marginTop: '24px' }}>
        <Button className="pl-button" size="large" disabled={saving} onClick={() => save(false)}>
          保存草稿
        </Button>
        <Button className="pl-button" type="primary" size="large" loading={saving} onClick={() => save(true)}>
          提交支部审核
        </Button>
      </View>
    </View>
  );
}
