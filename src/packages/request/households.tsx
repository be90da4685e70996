import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { HOUSEHOLD_TAGS, type HouseholdTag, type HouseholdView } from '@honglin/types/household';
import { ADMIN_ROLES, HANDLING_ROLES } from '@honglin/types/org';
import type { Me } from '@honglin/types/user';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { newRequestId } from '@/lib/requestId';
import { PagesFooter } from '@/components/PagesFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { CloseHousehold, HouseholdHistory, MoveHousehold, SplitHousehold } from './householdActions';
import { useNeighbourhoods } from './neighbourhoods';
import '../account/form.scss';

/** The units whose households the person keeps: their head roles' units and the units they administer. */
function keptUnits(me: Me): Array<{ unitId: string; unitName: string }> {
  const seen = new Set<string>();
  return me.roles
    .filter((g) => HANDLING_ROLES.includes(g.role) && !seen.has(g.unitId) && seen.add(g.unitId))
    .map((g) => ({ unitId: g.unitId, unitName: g.unitName }));
}

/**
 * 农户: the households of the head's (or admin's) unit, as the village keeps them, and a new one added where the head
 * meets it. It lives beside 走访 because heads keep households in order to visit them. A household opens to its
 * history and to moving it to another 邻, splitting it, and (admins) closing it.
 */
export default function HouseholdsPage() {
  const { params } = useRouter();
  const { query, reload } = useMe();
  const [chosen, setChosen] = useState(params.unitId ?? '');
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const units = keptUnits(me);
        if (units.length === 0) {
          return <Text className="hl-text">只有片组邻长和管理员可以查看本单位的农户。</Text>;
        }
        const unitId = units.some((u) => u.unitId === chosen) ? chosen : units[0].unitId;
        return (
          <View>
            {units.length > 1 && (
              <View className="hl-section">
                <Text className="hl-label">单位</Text>
                <View className="hl-chips">
                  {units.map((u) => (
                    <Chip key={u.unitId} area="hl" on={u.unitId === unitId} onTap={() => setChosen(u.unitId)}>
                      {u.unitName}
                    </Chip>
                  ))}
                </View>
              </View>
            )}
            <Households
              key={unitId}
              unitId={unitId}
              canClose={me.roles.some((g) => ADMIN_ROLES.includes(g.role) && g.unitId === unitId)}
            />
          </View>
        );
      }}
    </PageShell>
  );
}

function Households({ unitId, canClose }: { unitId: string; canClose: boolean }) {
  const [opened, setOpened] = useState('');
  const [done, setDone] = useState('');
  const neighbourhoods = useNeighbourhoods(unitId);
  const list = usePagedList(orgApi.listHouseholds, { unitId, size: 50 });
  const shown = list.items;
  const changed = (text: string) => {
    setDone(text);
    list.reload();
  };
  return (
    <View>
      <View className="hl-section">
        <Text className="hl-section__title">本单位农户</Text>
        {done && <Text className="hl-success">{done}</Text>}
        {shown.length === 0 && !list.loading && !list.error && (
          <Text className="hl-note">还没有农户记录。村里导入农户名册后会显示在这里，也可以在下面添加。</Text>
        )}
        {shown.map((h) => (
          <HouseholdRow
            // A change remounts the row: its action form closes, its open history shows the change.
            key={`${h._id}-${h.history.length}`}
            household={h}
            open={opened === h._id}
            onToggle={() => setOpened(opened === h._id ? '' : h._id)}
            neighbourhoods={neighbourhoods.options}
            canClose={canClose}
            onChanged={changed}
          />
        ))}
        <PagesFooter list={list} moreText="显示更多" />
      </View>
      <AddHousehold neighbourhoods={neighbourhoods} onAdded={list.reload} />
    </View>
  );
}

type HouseholdAction = 'move' | 'split' | 'close';

interface HouseholdRowProps {
  household: HouseholdView;
  open: boolean;
  onToggle: () => void;
  neighbourhoods: Array<{ id: string; label: string }>;
  canClose: boolean;
  onChanged: (text: string) => void;
}

function HouseholdRow({ household: h, open, onToggle, neighbourhoods, canClose, onChanged }: HouseholdRowProps) {
  const [action, setAction] = useState<HouseholdAction | null>(null);
  const labels = new Map(neighbourhoods.map((n) => [n.id, n.label]));
  // Named with its group where the page knows it: a village has several 一邻.
  const where = labels.get(h.unitId) ?? h.unitName;
  const details = [where, h.address, h.size ? `${h.size}口人` : '', h.phone].filter(Boolean).join(' · ');
  const targets = neighbourhoods.filter((n) => n.id !== h.unitId);
  const actions: Array<[HouseholdAction, string]> = [
    ...(targets.length > 0 ? [['move', '迁到本村其他邻'] as [HouseholdAction, string]] : []),
    ['split', '分户'],
    ...(canClose ? [['close', '注销此户'] as [HouseholdAction, string]] : []),
  ];
  return (
    <View>
      <View className="hl-row" onClick={onToggle}>
        <View style={{ display: 'flex', flexDirection: 'column', gap: '8px', flex: 1 }}>
          <Text className="hl-text">{h.headName}</Text>
          <Text className="hl-note">{details}</Text>
          {h.tags.length > 0 && (
            <View className="hl-chips">
              {h.tags.map((t) => (
                <Chip key={t} area="hl" on={false}>
                  {t}
                </Chip>
              ))}
            </View>
          )}
        </View>
        <Text className="hl-row__side">{open ? '收起' : '详情'}</Text>
      </View>
      {open && (
        <View>
          <HouseholdHistory history={h.history} labels={labels} />
          <View className="hl-chips">
            {actions.map(([a, label]) => (
              <Chip key={a} area="hl" on={a === action} onTap={() => setAction(a === action ? null : a)}>
                {label}
              </Chip>
            ))}
          </View>
          {action === 'move' && <MoveHousehold household={h} targets={targets} onDone={onChanged} />}
          {action === 'split' && <SplitHousehold household={h} onDone={onChanged} />}
          {action === 'close' && <CloseHousehold household={h} onDone={onChanged} />}
        </View>
      )}
    </View>
  );
}

interface AddHouseholdProps {
  neighbourhoods: ReturnType<typeof useNeighbourhoods>;
  onAdded: () => void;
}

function AddHousehold({ neighbourhoods: { query, options }, onAdded }: AddHouseholdProps) {
  const [neighbourhood, setNeighbourhood] = useState('');
  const [headName, setHeadName] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [size, setSize] = useState('');
  const [tags, setTags] = useState<HouseholdTag[]>([]);
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const target = options.length === 1 ? options[0].id : neighbourhood;

  const toggle = (tag: HouseholdTag) =>
    setTags((now) => (now.includes(tag) ? now.filter((t) => t !== tag) : [...now, tag]));
  const save = async () => {
    setBusy(true);
    setMessage(null);
    const answer = await orgApi.saveHousehold({
      requestId,
      unitId: target,
      headName,
      phone: phone.trim(),
      address: address.trim(),
      ...(size.trim() ? { size: Number(size) } : {}),
      tags,
    });
    setBusy(false);
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setMessage({ ok: true, text: `已添加“${answer.data.headName}”户` });
    setHeadName('');
    setPhone('');
    setAddress('');
    setSize('');
    setTags([]);
    setRequestId(newRequestId());
    onAdded();
  };

  return (
    <View className="hl-section">
      <Text className="hl-section__title">添加农户</Text>
      {query.status === 'error' && <Text className="hl-error">{query.error.message}</Text>}
      {options.length > 1 && (
        <View>
          <Text className="hl-label">所在的邻</Text>
          <View className="hl-chips">
            {options.map((o) => (
              <Chip key={o.id} area="hl" on={o.id === neighbourhood} onTap={() => setNeighbourhood(o.id)}>
                {o.label}
              </Chip>
            ))}
          </View>
        </View>
      )}
      <Text className="hl-label">户主姓名</Text>
      <Input className="hl-input" value={headName} maxlength={20} onInput={(e) => setHeadName(e.detail.value)} />
      <Text className="hl-label">手机号（可不填）</Text>
      <Input
        className="hl-input"
        type="number"
        value={phone}
        maxlength={11}
        onInput={(e) => setPhone(e.detail.value)}
      />
      <Text className="hl-label">门牌号或地址（可不填）</Text>
      <Input className="hl-input" value={address} maxlength={60} onInput={(e) => setAddress(e.detail.value)} />
      <Text className="hl-label">人口数（可不填）</Text>
      <Input className="hl-input" type="number" value={size} maxlength={2} onInput={(e) => setSize(e.detail.value)} />
      <Text className="hl-label">备注（可多选）</Text>
      <View className="hl-chips">
        {HOUSEHOLD_TAGS.map((t) => (
          <Chip key={t} area="hl" on={tags.includes(t)} onTap={() => toggle(t)}>
            {t}
          </Chip>
        ))}
      </View>
      {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
      {/* Shown once the 邻 are known: in H5 a disabled button still takes a tap, which would send no 邻. */}
      {query.status === 'success' && (
        <Button
          className="hl-button hl-button--primary"
          loading={busy}
          disabled={busy || !target || !headName.trim()}
          onClick={save}
        >
          添加
        </Button>
      )}
    </View>
  );
}
