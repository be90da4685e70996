import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function AccountAreaPage() {
  return (
    <PageShell>
      <ComingSoon title="账号与身份" plans="这里将可以接受邀请、确认身份并管理个人信息。" />
    </PageShell>
  );
}
