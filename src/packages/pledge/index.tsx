import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function PledgeAreaPage() {
  return (
    <PageShell>
      <ComingSoon title="承诺与践诺" plans="这里将可以填写承诺、记录践诺情况，并由支部审核和评议。" />
    </PageShell>
  );
}
