import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function HomePage() {
  return (
    <PageShell>
      <ComingSoon title="首页" plans="这里将汇总本村的主题党日活动、承诺墙和待办事项。" />
    </PageShell>
  );
}
