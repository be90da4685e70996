import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { Envelope } from '@honglin/types/envelope';
import type { PersonView } from '@honglin/types/user';
import type { RequestDetail } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { newRequestId } from '@/lib/requestId';
import { useQuery } from '@/lib/useQuery';
import { RequestActions } from './RequestActions';
import { RequestFacts, RequestResult, RequestTimeline } from './RequestFacts';
import { AssignPanel } from './AssignPanel';
import { RatePanel, TextPanel, type Panel } from './RequestPanels';
import '@/components/request/request.scss';

/** 诉求详情: what was raised, where it stands, its whole history, and what the viewer may do now. */
export default function RequestDetailPage() {
  const id = useRouter().params.id ?? '';
  const { query, reload } = useQuery(() => requestApi.get({ id }), [id]);
  return (
    <PageShell query={query} onRetry={reload}>
      {(request) => <Detail request={request} onChanged={reload} />}
    </PageShell>
  );
}

function Detail({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const [panel, setPanel] = useState<Panel>(null);
  const [members, setMembers] = useState<PersonView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // One id per comment written: a retried send of it adds it once.
  const [commentId, setCommentId] = useState(newRequestId);
  const id = request._id;

  async function run(call: () => Promise<Envelope<unknown>>) {
    setBusy(true);
    setError('');
    const answer = await call();
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setPanel(null);
    onChanged();
  }

  function openPanel(next: Panel) {
    setPanel(next);
    setError('');
    if (next === 'comment') setCommentId(newRequestId());
    if (next === 'assign' && members === null) {
      const village = request.ladder[1]?.unitId ?? request.ladder[0].unitId;
      userApi.listPeople({ unitId: village, role: 'member', size: 50 }).then((answer) => {
        setMembers(answer.ok ? answer.data.items : []);
      });
    }
  }

  return (
    <View>
      <RequestFacts request={request} />
      <RequestResult request={request} />
      {error && <Text className="rq-error">{error}</Text>}
      <RequestActions request={request} busy={busy} run={run} open={openPanel} />
      {panel === 'rate' && <RatePanel id={id} busy={busy} run={run} />}
      {(panel === 'escalate' || panel === 'handBack' || panel === 'comment' || panel === 'resolve') && (
        <TextPanel panel={panel} id={id} commentId={commentId} busy={busy} run={run} onError={setError} />
      )}
      {panel === 'assign' && <AssignPanel request={request} members={members} run={run} />}
      <RequestTimeline timeline={request.timeline} />
    </View>
  );
}
