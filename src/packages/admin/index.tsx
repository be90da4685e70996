import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function AdminAreaPage() {
  return (
    <PageShell>
      <ComingSoon title="组织与人员管理" plans="这里将可以管理片、组、邻等单位以及人员和角色。" />
    </PageShell>
  );
}
