import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function MePage() {
  return (
    <PageShell>
      <ComingSoon title="我的" plans="这里将显示您的身份和所在单位，并提供长辈模式等设置。" />
    </PageShell>
  );
}
