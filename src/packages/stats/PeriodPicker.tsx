import { Picker, Text, View } from '@tarojs/components';
import type { Period } from '@honglin/types/stats';
import { Chip } from '@/components/Chip';
import { currentPeriod, PERIOD_KINDS, shiftPeriod } from './period';

/** The period the figures cover: its kind (month, quarter, year …) and which one, stepped back and forth. */
export function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  return (
    <View className="st-card">
      <View className="st-chips">
        {PERIOD_KINDS.map((k) => (
          <Chip key={k.kind} area="st" on={period.kind === k.kind} onTap={() => onChange(currentPeriod(k.kind))}>
            {k.label}
          </Chip>
        ))}
      </View>
      {period.kind === 'range' ? (
        <View className="st-range">
          <Picker
            mode="date"
            fields="month"
            value={period.from}
            onChange={(e) => onChange({ ...period, from: String(e.detail.value).slice(0, 7) })}
          >
            <Text className="st-chip">从 {period.from}</Text>
          </Picker>
          <Picker
            mode="date"
            fields="month"
            value={period.to}
            onChange={(e) => onChange({ ...period, to: String(e.detail.value).slice(0, 7) })}
          >
            <Text className="st-chip">到 {period.to}</Text>
          </Picker>
        </View>
      ) : (
        <View className="st-range">
          <Text className="st-chip" onClick={() => onChange(shiftPeriod(period, -1))}>
            上一{period.kind === 'month' ? '月' : period.kind === 'quarter' ? '季度' : '年'}
          </Text>
          <Text className="st-chip" onClick={() => onChange(shiftPeriod(period, 1))}>
            下一{period.kind === 'month' ? '月' : period.kind === 'quarter' ? '季度' : '年'}
          </Text>
        </View>
      )}
    </View>
  );
}
