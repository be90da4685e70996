import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function RequestsPage() {
  return (
    <PageShell>
      <ComingSoon title="民生诉求" plans="这里将可以提交诉求、查看办理进度并对结果进行评价。" />
    </PageShell>
  );
}
