import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { PageShell } from '@/components/PageShell';
import './form.scss';

const LINKS: Array<[string, string]> = [
  ['编辑称呼、头像和手机号', 'profile'],
  ['选择所在村（社区）和邻', 'home-unit'],
  ['输入邀请码', 'redeem'],
  ['隐私保护指引', 'privacy'],
  ['关于红邻', 'about'],
  ['注销账号', 'delete'],
];

/** 账号: everything about the person's own account in one list. */
export default function AccountPage() {
  return (
    <PageShell>
      <View className="hl-section">
        {LINKS.map(([label, page]) => (
          <View key={page} className="hl-row" onClick={() => navigateTo({ url: `/packages/account/${page}` })}>
            <Text>{label}</Text>
            <Text className="hl-row__side">›</Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
