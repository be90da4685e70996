import { Input, Switch, Text, View } from '@tarojs/components';
import type { RequestDraft } from '@/store/requestDrafts';

interface DraftFieldsProps {
  draft: RequestDraft;
  /** Changes the draft (and keeps it on the phone at once). */
  change: (patch: Partial<RequestDraft>) => void;
}

/** What some categories need besides the text: the enterprise's name, or the parties of a dispute. */
export function CategoryDetails({ draft, change }: DraftFieldsProps) {
  return (
    <>
      {draft.category === 'enterprise' && (
        <View className="rq-field">
          <Text className="rq-label">企业名称</Text>
          <Input
            className="rq-input"
            value={draft.enterpriseName}
            placeholder="例如：鹿原茶叶合作社"
            onInput={(e) => change({ enterpriseName: e.detail.value })}
          />
        </View>
      )}
      {draft.category === 'dispute' && (
        <View className="rq-field">
          <Text className="rq-label">双方当事人（用逗号隔开）</Text>
          <Input
            className="rq-input"
            value={draft.parties}
            placeholder="例如：张三，李四"
            onInput={(e) => change({ parties: e.detail.value })}
          />
        </View>
      )}
    </>
  );
}

/** 很紧急 and whether neighbours see the resident's name, with what they see when it is off. */
export function DraftToggles({ draft, change }: DraftFieldsProps) {
  return (
    <>
      <View className="rq-toggle">
        <Text>很紧急（2小时内要有人接）</Text>
        <Switch checked={draft.urgent} color="#c8102e" onChange={(e) => change({ urgent: e.detail.value })} />
      </View>
      <View className="rq-toggle">
        <Text>让邻居看到我的名字</Text>
        <Switch checked={draft.showName} color="#c8102e" onChange={(e) => change({ showName: e.detail.value })} />
      </View>
      <Text className="rq-note">不打开时，邻居只能看到您的姓，办理的干部才能看到全名。</Text>
    </>
  );
}
