import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { RequestDetail } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { askToBeTold } from '@/lib/subscribe';
import type { Panel, Run } from './RequestPanels';

interface RequestActionsProps {
  request: RequestDetail;
  busy: boolean;
  run: Run;
  open: (panel: Panel) => void;
}

/** What the viewer may do with the request now: one tap acts (签收, 关注), the others open their panel. */
export function RequestActions({ request, busy, run, open }: RequestActionsProps) {
  const { can } = request;
  const id = request._id;
  return (
    <View className="rq-actions">
      {can.accept && (
        <Button
          className="rq-button"
          type="primary"
          size="large"
          loading={busy}
          onClick={async () => {
            // Whoever takes a request up may be told when one is passed up to them or reopened.
            await askToBeTold('handling');
            await run(() => requestApi.accept({ id }));
          }}
        >
          签收
        </Button>
      )}
      {can.resolve && (
        <Button className="rq-button" type="primary" size="large" onClick={() => open('resolve')}>
          办结
        </Button>
      )}
      {can.rate && (
        <Button className="rq-button" type="primary" size="large" onClick={() => open('rate')}>
          评价
        </Button>
      )}
      {can.assign && (
        <Button className="rq-button" size="large" onClick={() => open('assign')}>
          分派
        </Button>
      )}
      {can.escalate && (
        <Button className="rq-button" size="large" onClick={() => open('escalate')}>
          上报上一级
        </Button>
      )}
      {can.handBack && (
        <Button className="rq-button" size="large" onClick={() => open('handBack')}>
          退回
        </Button>
      )}
      {can.follow && (
        <Button className="rq-button" size="large" loading={busy} onClick={() => run(() => requestApi.follow({ id }))}>
          关注
        </Button>
      )}
      {can.comment && (
        <Button className="rq-button" size="large" onClick={() => open('comment')}>
          留言
        </Button>
      )}
    </View>
  );
}
