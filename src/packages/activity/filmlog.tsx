import { Text, View } from '@tarojs/components';
import { FILM_KIND_LABELS } from '@honglin/types/video';
import { videoApi } from '@/api/video';
import { PageShell } from '@/components/PageShell';
import { dayLabel } from '@/lib/datetime';
import { useQuery } from '@/lib/useQuery';
import './activity.scss';

/** 我的观影记录: films I chose to note. Only I see it; no minutes, no totals, no ranking. */
export default function FilmLogPage() {
  const { query, reload } = useQuery(() => videoApi.myLog({ size: 50 }), []);
  return (
    <PageShell
      query={query}
      onRetry={reload}
      isEmpty={(page) => page.items.length === 0}
      emptyText="还没有记录。在片库里点“我看过了”即可记下。"
    >
      {(page) => (
        <View className="act-card">
          <Text className="act-line">这些记录只有您自己能看到，不计时长，不排名。</Text>
          {page.items.map((entry) => (
            <View key={entry._id} className="act-row">
              <Text className="act-line">《{entry.title}》</Text>
              <Text className="act-line">
                {FILM_KIND_LABELS[entry.kind]} · {dayLabel(entry.day)}
              </Text>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
