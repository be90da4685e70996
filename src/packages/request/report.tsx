import { useState } from 'react';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { redirectTo } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { HANDLING_ROLES, type Unit } from '@honglin/types/org';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { orgApi } from '@/api/org';
import { userApi } from '@/api/user';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import '@/components/request/request.scss';

/** The neighbourhoods a head may report for: their own, or those below the unit they head. */
async function neighbourhoodsOf() {
  const me = await userApi.me();
  if (!me.ok) return me;
  const grant = me.data.roles.find((g) => HANDLING_ROLES.includes(g.role));
  if (!grant) return { ok: true as const, data: [] as Unit[] };
  const tree = await orgApi.tree({ rootId: grant.unitId, depth: 4 });
  if (!tree.ok) return tree;
  const all = [tree.data.root, ...tree.data.units];
  return { ok: true as const, data: all.filter((u) => u.kind === 'neighbourhood') };
}

/** 代居民反映: a head writes down a resident's problem; the resident's name and phone stay with those handling it. */
export default function ReportRequestPage() {
  const { query, reload } = useQuery(neighbourhoodsOf, []);
  return (
    <PageShell
      query={query}
      onRetry={reload}
      isEmpty={(units) => units.length === 0}
      emptyText="只有邻长、组长、片长和村镇管理员可以代居民反映"
    >
      {(units) => <ReportForm units={units} />}
    </PageShell>
  );
}

function ReportForm({ units }: { units: Unit[] }) {
  const [requestId] = useState(newRequestId);
  const [unitId, setUnitId] = useState(units.length === 1 ? units[0]._id : '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [category, setCategory] = useState<RequestCategory | null>(null);
  const [text, setText] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [enterpriseName, setEnterpriseName] = useState('');
  const [parties, setParties] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function submit() {
    if (!unitId) return setMessage('请选择居民所在的邻');
    if (!category) return setMessage('请选择问题类别');
    setBusy(true);
    setMessage('');
    const answer = await requestApi.report({
      requestId,
      unitId,
      resident: { name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      category,
      urgent,
      text,
      photos: [],
      ...(category === 'enterprise' ? { enterprise: { name: enterpriseName } } : {}),
      ...(category === 'dispute' ? { parties: parties.split(/[，,、\s]+/).filter((p) => p.length > 0) } : {}),
    });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error.message);
    redirectTo({ url: `/packages/request/detail?id=${answer.data.id}` });
  }

  return (
    <View>
      {units.length > 1 && (
        <View className="rq-field">
          <Text className="rq-label">居民住在哪个邻？</Text>
          <View className="rq-chips">
            {units.map((u) => (
              <Chip key={u._id} area="rq" on={unitId === u._id} onTap={() => setUnitId(u._id)}>
                {u.name}
              </Chip>
            ))}
          </View>
        </View>
      )}
      <View className="rq-field">
        <Text className="rq-label">居民姓名</Text>
        <Input
          className="rq-input"
          value={name}
          placeholder="只有办理的干部能看到全名"
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      <View className="rq-field">
        <Text className="rq-label">联系电话（可不填）</Text>
        <Input
          className="rq-input"
          type="number"
          maxlength={11}
          value={phone}
          onInput={(e) => setPhone(e.detail.value)}
        />
      </View>
      <View className="rq-field">
        <Text className="rq-label">问题类别</Text>
        <View className="rq-chips">
          {REQUEST_CATEGORIES.map((c) => (
            <Chip key={c} area="rq" on={category === c} onTap={() => setCategory(c)}>
              {REQUEST_CATEGORY_LABELS[c]}
            </Chip>
          ))}
        </View>
      </View>
      {category === 'enterprise' && (
        <View className="rq-field">
          <Text className="rq-label">企业名称</Text>
          <Input className="rq-input" value={enterpriseName} onInput={(e) => setEnterpriseName(e.detail.value)} />
        </View>
      )}
      {category === 'dispute' && (
        <View className="rq-field">
          <Text className="rq-label">双方当事人（用逗号隔开）</Text>
          <Input className="rq-input" value={parties} onInput={(e) => setParties(e.detail.value)} />
        </View>
      )}
      <View className="rq-field">
        <Text className="rq-label">具体情况</Text>
        <Textarea className="rq-textarea" value={text} maxlength={1000} onInput={(e) => setText(e.detail.value)} />
      </View>
      <View className="rq-toggle">
        <Text>很紧急（2小时内要有人接）</Text>
        <Switch checked={urgent} color="#c8102e" onChange={(e) => setUrgent(e.detail.value)} />
      </View>
      {message && <Text className="rq-error">{message}</Text>}
      <View className="rq-actions">
        <Button className="rq-button" type="primary" size="large" loading={busy} disabled={busy} onClick={submit}>
          提交
        </Button>
      </View>
    </View>
  );
}
