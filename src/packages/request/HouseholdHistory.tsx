import { Text, View } from '@tarojs/components';
import { HOUSEHOLD_CLOSE_REASON_LABELS, type HouseholdHistoryEntry } from '@honglin/types/household';
import { dateTime } from '@/lib/datetime';

/** What a change did, in words; a move names the 邻 it went to when the page knows it. */
function changeText(entry: HouseholdHistoryEntry, labels: Map<string, string>): string {
  switch (entry.change) {
    case 'created':
      return '登记';
    case 'imported':
      return '名册导入';
    case 'updated':
      return '修改信息';
    case 'moved':
      return entry.to && labels.has(entry.to) ? `迁到${labels.get(entry.to)}` : '迁到本村其他邻';
    case 'split':
      return '从原户分出';
    case 'splitOff':
      return '分出新户';
    case 'closed':
      return `注销（${entry.reason ? HOUSEHOLD_CLOSE_REASON_LABELS[entry.reason] : '其他'}）`;
  }
}

/** The household's history, newest first: when, what, who and why. */
export function HouseholdHistory({
  history,
  labels,
}: {
  history: HouseholdHistoryEntry[];
  labels: Map<string, string>;
}) {
  return (
    <View className="hl-section">
      <Text className="hl-label">这户的变动记录</Text>
      {[...history].reverse().map((entry, i) => (
        <View
          key={`${entry.at}-${i}`}
          style={{ display: 'flex', flexDirection: 'column', gap: '4px', margin: '12px 0' }}
        >
          <Text className="hl-text">
            {dateTime(entry.at)} {changeText(entry, labels)}
          </Text>
          <Text className="hl-note">
            {[entry.byName ? `经办：${entry.byName}` : '', entry.note ? `说明：${entry.note}` : '']
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </View>
      ))}
    </View>
  );
}
