import { Picker, Text, View } from '@tarojs/components';
import { REQUEST_CATEGORY_LABELS, type RequestSummary } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { useQuery } from '@/lib/useQuery';

const NONE = '不关联诉求';

/** How a request reads in the list: its category, the start of its text and where it is; never its id. */
function labelOf(r: RequestSummary): string {
  const text = r.text.length > 18 ? `${r.text.slice(0, 18)}…` : r.text;
  return `【${REQUEST_CATEGORY_LABELS[r.category]}】${text}（${r.unitName}）`;
}

interface RequestLinkPickerProps {
  /** The linked request's id, '' for none. */
  value: string;
  onChange: (requestId: string) => void;
}

/** 关联诉求: a pick among the solved requests this member may link, or none. Nothing to type. */
export function RequestLinkPicker({ value, onChange }: RequestLinkPickerProps) {
  const { query } = useQuery(() => requestApi.linkable({ size: 50 }), []);
  if (query.status === 'loading') return <Text className="pl-form__hint">正在读取您办结的诉求…</Text>;
  if (query.status === 'error') return <Text className="pl-form__hint">{query.error.message}</Text>;
  const requests = query.data.items;
  if (requests.length === 0 && !value) {
    return <Text className="pl-form__hint">您还没有可关联的已办结诉求；可以不关联。</Text>;
  }
  const chosen = requests.findIndex((r) => r._id === value);
  const labels = [NONE, ...requests.map(labelOf)];
  // A link made earlier to a request no longer in the list stays as it is until another is picked.
  const shown = value && chosen === -1 ? '已关联一条诉求' : labels[chosen + 1];
  return (
    <Picker
      mode="selector"
      range={labels}
      value={chosen + 1}
      onChange={(e) => {
        const index = Number(e.detail.value);
        onChange(index === 0 ? '' : requests[index - 1]._id);
      }}
    >
      <View className="pl-form__picker">{shown}</View>
    </Picker>
  );
}
