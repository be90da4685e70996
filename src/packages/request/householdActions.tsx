import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  HOUSEHOLD_CLOSE_REASONS,
  HOUSEHOLD_CLOSE_REASON_LABELS,
  type HouseholdCloseReason,
  type HouseholdView,
} from '@honglin/types/household';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { newRequestId } from '@/lib/requestId';
import { Confirm } from './Confirm';
import { useHouseholdChange } from './useHouseholdChange';

type Neighbourhood = { id: string; label: string };

interface ActionProps {
  household: HouseholdView;
  /** Called with what was done, once it is saved (the list reloads). */
  onDone: (text: string) => void;
}

/** 迁到本村其他邻: only to the 邻 the person keeps (the server refuses others), with why. */
export function MoveHousehold({ household: h, targets, onDone }: ActionProps & { targets: Neighbourhood[] }) {
  const [to, setTo] = useState<Neighbourhood | null>(null);
  const [note, setNote] = useState('');
  const { busy, error, send } = useHouseholdChange(() => onDone(`已把“${h.headName}”户迁到${to?.label}`));
  const move = () =>
    to &&
    send(() =>
      orgApi.saveHousehold({
        id: h._id,
        unitId: to.id,
        headName: h.headName,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
  return (
    <View className="hl-section">
      <Text className="hl-label">迁到哪个邻</Text>
      <View className="hl-chips">
        {targets.map((t) => (
          <Chip key={t.id} area="hl" on={t.id === to?.id} onTap={() => setTo(t)}>
            {t.label}
          </Chip>
        ))}
      </View>
      <Text className="hl-label">原因（可不填）</Text>
      <Input className="hl-input" value={note} maxlength={60} onInput={(e) => setNote(e.detail.value)} />
      {error && <Text className="hl-error">{error}</Text>}
      <Confirm
        key={to?.id}
        question={`确认把“${h.headName}”户迁到${to?.label ?? ''}吗？`}
        label="迁户"
        ready={!!to}
        busy={busy}
        onConfirm={move}
      />
    </View>
  );
}

/** 分户: a new household of the same 邻 split off this one; both keep the split in their history. */
export function SplitHousehold({ household: h, onDone }: ActionProps) {
  const [headName, setHeadName] = useState('');
  const [phone, setPhone] = useState('');
  const [size, setSize] = useState('');
  const [requestId] = useState(newRequestId);
  const { busy, error, send } = useHouseholdChange((saved: HouseholdView) =>
    onDone(`已从“${h.headName}”户分出“${saved.headName}”户`),
  );
  const split = () =>
    send(() =>
      orgApi.saveHousehold({
        requestId,
        unitId: h.unitId,
        splitFrom: h._id,
        headName: headName.trim(),
        phone: phone.trim(),
        ...(size.trim() ? { size: Number(size) } : {}),
      }),
    );
  return (
    <View className="hl-section">
      <Text className="hl-label">新户户主姓名</Text>
      <Input className="hl-input" value={headName} maxlength={20} onInput={(e) => setHeadName(e.detail.value)} />
      <Text className="hl-label">手机号（可不填）</Text>
      <Input
        className="hl-input"
        type="number"
        value={phone}
        maxlength={11}
        onInput={(e) => setPhone(e.detail.value)}
      />
      <Text className="hl-label">人口数（可不填）</Text>
      <Input className="hl-input" type="number" value={size} maxlength={2} onInput={(e) => setSize(e.detail.value)} />
      {error && <Text className="hl-error">{error}</Text>}
      <Confirm
        question={`确认从“${h.headName}”户分出“${headName.trim()}”户吗？`}
        label="分户"
        ready={!!headName.trim()}
        busy={busy}
        onConfirm={split}
      />
    </View>
  );
}

/** 注销此户 (admins only, as the server allows): a reason from the list and a note; kept with its history. */
export function CloseHousehold({ household: h, onDone }: ActionProps) {
  const [reason, setReason] = useState<HouseholdCloseReason | null>(null);
  const [note, setNote] = useState('');
  const { busy, error, send } = useHouseholdChange(
    () => reason && onDone(`已注销“${h.headName}”户（${HOUSEHOLD_CLOSE_REASON_LABELS[reason]}）`),
  );
  const close = () =>
    reason && send(() => orgApi.closeHousehold({ id: h._id, reason, ...(note.trim() ? { note: note.trim() } : {}) }));
  return (
    <View className="hl-section">
      <Text className="hl-label">注销原因</Text>
      <View className="hl-chips">
        {HOUSEHOLD_CLOSE_REASONS.map((r) => (
          <Chip key={r} area="hl" on={r === reason} onTap={() => setReason(r)}>
            {HOUSEHOLD_CLOSE_REASON_LABELS[r]}
          </Chip>
        ))}
      </View>
      <Text className="hl-label">说明（可不填）</Text>
      <Input className="hl-input" value={note} maxlength={60} onInput={(e) => setNote(e.detail.value)} />
      {error && <Text className="hl-error">{error}</Text>}
      <Confirm
        question={`确认注销“${h.headName}”户吗？注销后它不再出现在农户名单里，走访和变动记录仍会保留。`}
        label="注销"
        ready={!!reason}
        busy={busy}
        onConfirm={close}
      />
    </View>
  );
}
