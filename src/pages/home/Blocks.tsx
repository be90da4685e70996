import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { navigateTo, switchTab } from '@tarojs/taro';
import type { ListRequestsInput } from '@honglin/types/request';
import { REQUEST_STATE_LABELS } from '@honglin/types/request';
import type { Me } from '@honglin/types/user';
import { requestApi } from '@/api/request';
import { roleFlags, type RoleFlags } from '@/hooks/useMe';
import { useQuery } from '@/lib/useQuery';
import { ElderModeToggle } from './ElderMode';

const go = (url: string) => navigateTo({ url });

/** The blocks of 首页, one per thing the person can do here by their roles. */
export function Blocks({ me }: { me: Me }) {
  const flags = roleFlags(me);
  return (
    <View>
      <ElderModeToggle />
      <Block title="有困难、有建议，找邻长">
        <Text className="home-block__text">
          在这里写下您遇到的问题或建议，所在邻的邻长会签收办理，办好后请您确认并评价。
        </Text>
        <Button className="home-button home-button--primary" onClick={() => go('/packages/request/submit')}>
          提交诉求
        </Button>
        {me.known && <RequestPreview title="我的诉求（未办结）" input={{ scope: 'mine', state: 'open', size: 3 }} />}
        <Button className="home-button" onClick={() => switchTab({ url: '/pages/requests/index' })}>
          查看全部诉求
        </Button>
      </Block>
      {(flags.isMember || flags.isAdmin) && (
        <Block title="主题党日：一月一课一片一实践">
          <Text className="home-block__text">{partyDayText(flags)}</Text>
          <Button className="home-button" onClick={() => go('/packages/activity/index')}>
            本月主题党日
          </Button>
          {flags.isMember && (
            <Button className="home-button" onClick={() => switchTab({ url: '/pages/pledges/index' })}>
              我的承诺
            </Button>
          )}
        </Block>
      )}
      {flags.isHead && (
        <Block title="片组邻长：访一访、帮一帮">
          <RequestPreview title="本单位待办诉求" input={{ scope: 'unit', state: 'open', size: 3 }} />
          <Button className="home-button" onClick={() => go('/packages/request/index')}>
            处理诉求
          </Button>
          <Button className="home-button" onClick={() => go('/packages/request/visit')}>
            记录本月走访
          </Button>
          <Button className="home-button" onClick={() => go('/packages/request/coverage')}>
            本月走访情况
          </Button>
          <Button className="home-button" onClick={() => go('/packages/request/households')}>
            本单位农户
          </Button>
        </Block>
      )}
      {flags.isAdmin && (
        <Block title="管理员">
          <Text className="home-block__text">本单位的工作统计，以及单位、党支部、地点、人员和角色的管理。</Text>
          <Button className="home-button" onClick={() => go('/packages/stats/index')}>
            本单位数据
          </Button>
          <Button className="home-button" onClick={() => go('/packages/admin/index')}>
            组织与人员管理
          </Button>
        </Block>
      )}
    </View>
  );
}

/** What the party-day home holds for this person. */
export function partyDayText(flags: RoleFlags): string {
  if (flags.isSecretary)
    return '安排本支部的微党课、微视频和微实践，开始签到、登记请假、填写活动记录；还有片库和您的承诺。';
  if (flags.isMember) return '本月的微党课、微视频和微实践，现场签到，微视频片库和您的观影记录，以及您的承诺和践诺。';
  return '所辖各党支部本月的微党课、微视频和微实践开展情况。';
}

export function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="home-block">
      <Text className="home-block__title">{title}</Text>
      {children}
    </View>
  );
}

/** A few requests of a list, straight from the request function; its own loading and empty text. */
export function RequestPreview({ title, input }: { title: string; input: ListRequestsInput }) {
  const { query } = useQuery(() => requestApi.list(input), [input.scope]);
  return (
    <View className="home-preview">
      <Text className="home-preview__title">{title}</Text>
      {query.status === 'loading' && <Text className="home-preview__note">正在加载…</Text>}
      {query.status === 'error' && <Text className="home-preview__note">{query.error.message}</Text>}
      {query.status === 'success' &&
        (query.data.items.length === 0 ? (
          <Text className="home-preview__note">暂无</Text>
        ) : (
          query.data.items.map((r) => (
            <View key={r._id} className="home-preview__item" onClick={() => go(`/packages/request/detail?id=${r._id}`)}>
              <Text className="home-preview__state">{REQUEST_STATE_LABELS[r.state]}</Text>
              <Text className="home-preview__text">{r.text}</Text>
            </View>
          ))
        ))}
    </View>
  );
}
