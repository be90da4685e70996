import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { ROLE_LABELS, type RoleGrantView } from '@honglin/types/org';
import type { InviteView } from '@honglin/types/user';
import { imageUrl } from '@/api/transport';
import { userApi } from '@/api/user';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { dateTime } from '@/lib/datetime';
import { newRequestId } from '@/lib/requestId';
import { RoleTargetPicker, type RoleTarget } from './RoleTargetPicker';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

const DAYS = [1, 3, 7, 30];

/** 邀请担任角色: one role in one unit, a one-time code and QR code that expire. */
export default function InvitePage() {
  const scope = useAdminScope();
  const grant = scope.grants.find((g) => g.unitId === scope.unitId);
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() => (grant ? <InviteForm grant={grant} /> : <Text className="hl-text">只有管理员可以使用。</Text>)}
    </PageShell>
  );
}

function InviteForm({ grant }: { grant: RoleGrantView }) {
  const [target, setTarget] = useState<RoleTarget | null>(null);
  const [days, setDays] = useState(7);
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [invite, setInvite] = useState<InviteView | null>(null);

  const create = async () => {
    if (!target) return;
    setBusy(true);
    setError('');
    const answer = await userApi.createInvite({
      requestId,
      role: target.role,
      ...(target.branchId ? { branchId: target.branchId } : { unitId: target.unitId }),
      expiresInDays: days,
    });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setInvite(answer.data);
  };

  if (invite) {
    return (
      <View className="hl-section">
        <Text className="hl-section__title">
          邀请担任 {invite.targetName} 的{ROLE_LABELS[invite.role]}
        </Text>
        <Text className="hl-text">请对方打开红邻，在“我的 → 输入邀请码”中输入：</Text>
        <Text className="hl-code" id="invite-code">
          {invite.code}
        </Text>
        {invite.qrFileId && <Image className="hl-qr" src={imageUrl(invite.qrFileId)} mode="aspectFit" />}
        <Text className="hl-note">或用微信扫描上面的小程序码。只能使用一次，{dateTime(invite.expiresAt)}前有效。</Text>
        <Button
          className="hl-button"
          onClick={() => {
            setInvite(null);
            setTarget(null);
            setRequestId(newRequestId());
          }}
        >
          再邀请一位
        </Button>
      </View>
    );
  }

  return (
    <View className="hl-section">
      <Text className="hl-section__title">邀请担任角色</Text>
      {target ? (
        <View>
          <Text className="hl-text">
            邀请担任：{target.name} 的{ROLE_LABELS[target.role]}
          </Text>
          <Button className="hl-button" onClick={() => setTarget(null)}>
            重新选择
          </Button>
          <Text className="hl-label">有效期</Text>
          <View className="hl-chips">
            {DAYS.map((d) => (
              <Chip key={d} area="hl" on={d === days} onTap={() => setDays(d)}>
                {d}天
              </Chip>
            ))}
          </View>
          {error && <Text className="hl-error">{error}</Text>}
          <Button className="hl-button hl-button--primary" loading={busy} disabled={busy} onClick={create}>
            生成邀请码
          </Button>
        </View>
      ) : (
        <RoleTargetPicker grant={grant} onPick={setTarget} />
      )}
    </View>
  );
}
