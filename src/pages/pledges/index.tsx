import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function PledgesPage() {
  return (
    <PageShell>
      <ComingSoon title="承诺践诺" plans="这里将展示党员的承诺和践诺记录，党员可以提交自己的承诺。" />
    </PageShell>
  );
}
