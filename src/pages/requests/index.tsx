import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { navigateTo, useDidShow } from '@tarojs/taro';
import { Button } from '@/components/Button';
import { userApi } from '@/api/user';
import { PageShell } from '@/components/PageShell';
import { askToBeTold, canAskToBeTold } from '@/lib/subscribe';
import { useQuery } from '@/lib/useQuery';
import { sendDraft, unsentDrafts, type RequestDraft } from '@/store/requestDrafts';
import { useTabPage } from '@/lib/tabBar';
import { requestRolesOf } from '@/lib/requestLabels';
import { RequestList } from '@/components/request/RequestList';
import { requestApi } from '@/api/request';
import { usePagedList } from '@/hooks/usePagedList';
import { useReturnReload } from '@/hooks/useReturnReload';
import '@/components/request/request-list.scss';

const open = (page: string) => navigateTo({ url: `/packages/request/${page}` });

/** 诉求 tab: raise a problem, see one's own and followed requests; heads find their waiting list and visits here. */
export default function RequestsPage() {
  useTabPage('requests');
  const { query, reload } = useQuery(() => userApi.me(), []);
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const roles = requestRolesOf(me.roles);
        return (
          <View>
            <View className="rq-actions">
              <Button className="rq-button" type="primary" size="large" onClick={() => open('submit')}>
                我要反映问题
              </Button>
              {roles.handles && (
                <Button className="rq-button" size="large" onClick={() => open('index')}>
                  待办诉求
                </Button>
              )}
              {roles.handles && (
                <Button className="rq-button" size="large" onClick={() => open('report')}>
                  代居民反映
                </Button>
              )}
              {roles.handles && canAskToBeTold && (
                // A head is told of requests passed up to them only after agreeing here (or on 签收 / 办结).
                <Button className="rq-button" size="large" onClick={() => void askToBeTold('handling')}>
                  接收上报提醒
                </Button>
              )}
              {roles.visits && (
                <Button className="rq-button" size="large" onClick={() => open('visit')}>
                  走访记录
                </Button>
              )}
              {(roles.visits || roles.town || roles.coverageVillageIds.length > 0) && (
                <Button className="rq-button" size="large" onClick={() => open('coverage')}>
                  走访覆盖情况
                </Button>
              )}
              {roles.member && (
                <Button className="rq-button" size="large" onClick={() => open('index?scope=assigned')}>
                  分派给我的
                </Button>
              )}
            </View>
            <Mine />
          </View>
        );
      }}
    </PageShell>
  );
}

/** Requests sent while there was no signal: they wait on the phone until 发送 reaches the cloud. */
function Outbox({ onSent }: { onSent: () => void }) {
  const [drafts, setDrafts] = useState<RequestDraft[]>(unsentDrafts);
  const [message, setMessage] = useState('');
  useDidShow(() => setDrafts(unsentDrafts()));
  if (drafts.length === 0) return message ? <Text className="rq-done">{message}</Text> : null;

  async function sendAll() {
    setMessage('正在发送…');
    for (const draft of drafts) {
      const answer = await sendDraft(draft);
      if (!answer.ok) {
        setMessage(answer.error.message);
        setDrafts(unsentDrafts());
        return;
      }
    }
    setMessage('已全部发送');
    setDrafts(unsentDrafts());
    onSent();
  }

  return (
    <View className="rq-card">
      <Text className="rq-title">有{drafts.length}条诉求还没发出去</Text>
      <Text className="rq-note">刚才网络不好，内容已保存在手机上。有信号时点下面的按钮发送，不会重复提交。</Text>
      {message && <Text className="rq-error">{message}</Text>}
      <View className="rq-actions">
        <Button className="rq-button" type="primary" size="large" onClick={sendAll}>
          发送
        </Button>
      </View>
    </View>
  );
}

/** The outbox and the caller's own and followed requests (reloaded when the outbox has sent). */
function Mine() {
  const list = usePagedList(requestApi.list, { scope: 'mine', state: 'all' });
  useReturnReload(list.reload);
  return (
    <View className="rq-section">
      <Outbox onSent={list.reload} />
      <Text className="rq-title">我的诉求</Text>
      <RequestList list={list} emptyText="还没有诉求。遇到困难或有建议，点上面的“我要反映问题”。" />
    </View>
  );
}
