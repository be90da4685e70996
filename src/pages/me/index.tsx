import { Image, Switch, Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { ROLE_LABELS } from '@honglin/types/org';
import type { Me } from '@honglin/types/user';
import { imageUrl } from '@/api/transport';
import { PageShell } from '@/components/PageShell';
import { PrivacyDialog } from '@/components/PrivacyDialog';
import { roleFlags, useMe } from '@/hooks/useMe';
import { setElderMode, useElderMode } from '@/lib/elderMode';
import { useTabPage } from '@/lib/tabBar';
import './index.scss';

const go = (url: string) => navigateTo({ url });

/** 我的: profile, roles with their units, invitation, 长辈模式, privacy, about, 注销. */
export default function MePage() {
  useTabPage('me');
  const { query, reload } = useMe();
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => (
        <View className="me">
          <PrivacyDialog me={me} />
          <ProfileCard me={me} />
          {me.known && <Roles me={me} />}
          <View className="me-menu">
            {me.known && <MenuItem label="编辑称呼、头像和手机号" onTap={() => go('/packages/account/profile')} />}
            {me.known && <MenuItem label="选择所在村（社区）和邻" onTap={() => go('/packages/account/home-unit')} />}
            {me.known && <MenuItem label="输入邀请码" onTap={() => go('/packages/account/redeem')} />}
            {me.known && <MenuItem label="加入党支部名册" onTap={() => go('/packages/account/join')} />}
            {roleFlags(me).isSecretary && (
              <MenuItem label="本支部入支部码" onTap={() => go('/packages/account/join-code')} />
            )}
            {roleFlags(me).isAdmin && <MenuItem label="组织与人员管理" onTap={() => go('/packages/admin/index')} />}
            <ElderModeItem />
            <MenuItem label="隐私保护指引" onTap={() => go('/packages/account/privacy')} />
            <MenuItem label="关于红邻" onTap={() => go('/packages/account/about')} />
            {me.known && <MenuItem label="注销账号" danger onTap={() => go('/packages/account/delete')} />}
          </View>
        </View>
      )}
    </PageShell>
  );
}

function ProfileCard({ me }: { me: Me }) {
  return (
    <View className="me-card">
      {me.avatarUrl ? (
        <Image className="me-card__avatar" src={imageUrl(me.avatarUrl)} mode="aspectFill" />
      ) : (
        <View className="me-card__avatar me-card__avatar--empty">
          <Text>{(me.nickname || '邻').slice(0, 1)}</Text>
        </View>
      )}
      <View className="me-card__text">
        <Text className="me-card__name">{me.known ? me.nickname || '未设置称呼' : '未登记'}</Text>
        <Text className="me-card__where">
          {me.homeUnit
            ? me.homeUnit.pathNames.slice(1).join(' · ')
            : me.known
              ? '尚未选择所在村（社区）'
              : '同意隐私保护指引后可登记'}
        </Text>
        {me.phone && <Text className="me-card__where">手机号 {me.phone}</Text>}
      </View>
    </View>
  );
}

function Roles({ me }: { me: Me }) {
  return (
    <View className="me-roles">
      <Text className="me-roles__title">我的身份</Text>
      {me.roles.length === 0 ? (
        <Text className="me-roles__item">群众</Text>
      ) : (
        me.roles.map((g) => (
          <Text key={`${g.role}-${g.unitId}-${g.branchId ?? ''}`} className="me-roles__item">
            {ROLE_LABELS[g.role]} · {g.branchName || g.unitName}
          </Text>
        ))
      )}
    </View>
  );
}

function MenuItem({ label, onTap, danger = false }: { label: string; onTap: () => void; danger?: boolean }) {
  return (
    <View className={`me-menu__item${danger ? ' me-menu__item--danger' : ''}`} onClick={onTap}>
      <Text>{label}</Text>
      <Text className="me-menu__arrow">›</Text>
    </View>
  );
}

/** 长辈模式: larger text and tap targets everywhere; every open page follows the switch at once. */
function ElderModeItem() {
  const on = useElderMode();
  return (
    <View className="me-menu__item">
      <Text>长辈模式（大字）</Text>
      <Switch
        className="me-menu__switch"
        checked={on}
        color="#c8102e"
        aria-label="长辈模式"
        onChange={(event) => {
          setElderMode(event.detail.value);
        }}
      />
    </View>
  );
}
