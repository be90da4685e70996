import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function RequestAreaPage() {
  return (
    <PageShell>
      <ComingSoon title="诉求办理" plans="这里将可以签收、办理、上报或退回诉求，并记录办理结果。" />
    </PageShell>
  );
}
