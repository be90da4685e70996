import { Text, View } from '@tarojs/components';
import type { PersonView } from '@honglin/types/user';
import type { RequestDetail } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import type { Run } from './RequestPanels';

/** 分派: down the request's own ladder below the unit that has it, or to a party member of the village. */
export function AssignPanel({
  request,
  members,
  run,
}: {
  request: RequestDetail;
  members: PersonView[] | null;
  run: Run;
}) {
  const id = request._id;
  const lower = request.ladder.slice(request.ladder.findIndex((s) => s.unitId === request.responsible.unitId) + 1);
  return (
    <View className="rq-card">
      <Text className="rq-title">分派给谁？</Text>
      {lower.length > 0 && <Text className="rq-note">派给下级：</Text>}
      {lower.map((step) => (
        <View
          key={step.unitId}
          className="rq-row"
          onClick={() => run(() => requestApi.assign({ id, unitId: step.unitId }))}
        >
          <Text>{step.name}</Text>
          <Text className="rq-state">派给</Text>
        </View>
      ))}
      <Text className="rq-note">分派给党员：</Text>
      {members === null && <Text className="rq-note">正在加载党员名单…</Text>}
      {members?.length === 0 && <Text className="rq-note">没有可选的党员（需要村管理员分派）</Text>}
      {members?.map((m) => (
        <View
          key={m.openid}
          className="rq-row"
          onClick={() => run(() => requestApi.assign({ id, assigneeId: m.openid }))}
        >
          <Text>{m.nickname}</Text>
          <Text className="rq-state">分派</Text>
        </View>
      ))}
    </View>
  );
}
