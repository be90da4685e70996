import { PageShell } from '@/components/PageShell';
import { ComingSoon } from '@/components/ComingSoon';

export default function ActivityAreaPage() {
  return (
    <PageShell>
      <ComingSoon title="一月一课一片一实践" plans="这里将可以安排微党课、微视频和微实践，并进行现场签到。" />
    </PageShell>
  );
}
