import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function StatsAreaPage() {
  return (
    <PageShell>
      <ComingSoon title="统计与报表" plans="这里将按单位和时段统计工作情况，并可导出报表。" />
    </PageShell>
  );
}
