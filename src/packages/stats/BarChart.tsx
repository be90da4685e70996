import { Text, View } from '@tarojs/components';
import { useElderMode } from '@/lib/elderMode';
import './chart.scss';

export interface Bar {
  key: string;
  label: string;
  /** null: no data (drawn as a gap marked 无数据), unlike 0. */
  value: number | null;
  /** Opens the list behind the bar. */
  onTap?: () => void;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  unit?: string;
  /** column: one bar per month, side by side; row: one labelled bar per line (categories, villages). */
  layout: 'column' | 'row';
}

/**
 * A bar chart drawn with plain Views (no canvas, no chart library), so it renders the same in the weapp and
 * in H5, follows the font setting, and each bar is a tap target. Widths and heights are percentages of the
 * largest value; every bar carries its number in words. In 长辈模式 columns are drawn as rows: twelve month labels
 * at 18 px do not fit side by side on a phone, one per line they do.
 */
export function BarChart({ title, bars, unit = '', layout: asked }: BarChartProps) {
  const layout = useElderMode() ? 'row' : asked;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const size = (v: number) => `${Math.max(v > 0 ? 2 : 0, Math.round((v / max) * 100))}%`;
  return (
    <View className={`st-chart st-chart--${layout}`}>
      <Text className="st-chart-title">{title}</Text>
      {layout === 'column' ? (
        <View className="st-columns">
          {bars.map((b) => (
            <View key={b.key} className="st-column" onClick={b.onTap}>
              <Text className="st-column-value">{b.value === null ? '无' : `${b.value}`}</Text>
              <View className="st-column-track">
                {b.value !== null && <View className="st-column-bar" style={{ height: size(b.value) }} />}
              </View>
              <Text className="st-column-label">{b.label}</Text>
            </View>
          ))}
        </View>
      ) : (
        bars.map((b) => (
          <View key={b.key} className="st-row" onClick={b.onTap}>
            <Text className="st-row-label">{b.label}</Text>
            <View className="st-row-track">
              {b.value !== null && <View className="st-row-bar" style={{ width: size(b.value) }} />}
            </View>
            <Text className="st-row-value">{b.value === null ? '暂无数据' : `${b.value}${unit}`}</Text>
          </View>
        ))
      )}
    </View>
  );
}
