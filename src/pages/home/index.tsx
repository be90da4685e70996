import { Button, Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import type { Me } from '@honglin/types/user';
import { PageShell } from '@/components/PageShell';
import { PrivacyDialog } from '@/components/PrivacyDialog';
import { useMe } from '@/hooks/useMe';
import { useTabPage } from '@/lib/tabBar';
import { ElderModeQuestion } from './ElderMode';
import { Blocks } from './Blocks';
import './index.scss';

/** 首页: what this person can do here, by their roles; each block leads into its feature. */
export default function HomePage() {
  useTabPage('home');
  const { query, reload } = useMe();
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => (
        <View className="home">
          <PrivacyDialog me={me} />
          <ElderModeQuestion />
          <Greeting me={me} />
          <Blocks me={me} />
        </View>
      )}
    </PageShell>
  );
}

/** 您好 and where the person lives, or the way to choose it. */
function Greeting({ me }: { me: Me }) {
  return (
    <View className="home-greeting">
      <Text className="home-greeting__hello">您好，{me.nickname || '乡亲'}</Text>
      {me.homeUnit ? (
        <Text className="home-greeting__where">{me.homeUnit.pathNames.slice(1).join(' · ')}</Text>
      ) : (
        me.known && (
          <Button
            className="home-button home-button--primary"
            onClick={() => navigateTo({ url: '/packages/account/home-unit' })}
          >
            选择您所在的村（社区）
          </Button>
        )
      )}
    </View>
  );
}
