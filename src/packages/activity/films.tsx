import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { navigateTo, setClipboardData } from '@tarojs/taro';
import { FILM_KINDS, FILM_KIND_LABELS, type FilmKind } from '@honglin/types/video';
import { userApi } from '@/api/user';
import { videoApi } from '@/api/video';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { isTownAdmin } from './context';
import { useReturnReload } from '@/hooks/useReturnReload';
import './activity.scss';

const edit = (id?: string) => () => navigateTo({ url: `/packages/activity/filmedit${id ? `?id=${id}` : ''}` });

/**
 * 微视频片库: exemplar, history and warning-education films with where to watch them; log one I watched.
 * Town admins also add, change and remove films here.
 */
export default function FilmsPage() {
  const [kind, setKind] = useState<FilmKind | undefined>(undefined);
  const { query, reload } = useQuery(async () => {
    const [me, films] = await Promise.all([userApi.me(), videoApi.list({ kind, size: 50 })]);
    if (!films.ok) return films;
    return { ok: true as const, data: { ...films.data, manage: me.ok && isTownAdmin(me.data) } };
  }, [kind]);
  useReturnReload(reload);
  const [note, setNote] = useState('');
  async function logIt(filmId: string, title: string) {
    const answer = await videoApi.logWatched({ requestId: newRequestId(), filmId });
    setNote(answer.ok ? `已记下：看过《${title}》（仅自己可见）` : answer.error.message);
  }
  const header = (
    <View>
      <View className="act-bar act-chips">
        <Button className={`act-chip${!kind ? ' act-chip--on' : ''}`} onClick={() => setKind(undefined)}>
          全部
        </Button>
        {FILM_KINDS.map((k) => (
          <Button key={k} className={`act-chip${kind === k ? ' act-chip--on' : ''}`} onClick={() => setKind(k)}>
            {FILM_KIND_LABELS[k]}
          </Button>
        ))}
      </View>
      {note && <Text className="act-message">{note}</Text>}
    </View>
  );
  return (
    <PageShell
      header={header}
      query={query}
      onRetry={reload}
      isEmpty={(page) => page.items.length === 0}
      emptyText="片库里还没有影片"
    >
      {(page) => (
        <View>
          {page.manage && (
            <Button className="act-button act-button--lead" onClick={edit()}>
              添加影片
            </Button>
          )}
          {page.items.map((film) => (
            <View key={film._id} className="act-card">
              <Text className="act-tag">{FILM_KIND_LABELS[film.kind]}</Text>
              <Text className="act-title">《{film.title}》</Text>
              <Text className="act-line">
                {film.series ? `${film.series} · ` : ''}片长约{film.lengthMinutes}分钟
              </Text>
              {film.description && <Text className="act-line">{film.description}</Text>}
              {film.where.map((w, i) =>
                'platform' in w ? (
                  <Text
                    key={i}
                    className={w.url ? 'act-line act-link' : 'act-line'}
                    onClick={w.url ? () => setClipboardData({ data: w.url ?? '' }) : undefined}
                  >
                    观看途径：{w.platform}
                    {w.url ? '（点此复制链接）' : ''}
                  </Text>
                ) : (
                  <Text key={i} className="act-line">
                    观看途径：本地片源
                  </Text>
                ),
              )}
              <Button className="act-button act-button--plain" onClick={() => logIt(film._id, film.title)}>
                我看过了（记到我的观影记录）
              </Button>
              {page.manage && (
                <Button className="act-button act-button--plain" onClick={edit(film._id)}>
                  修改或移除
                </Button>
              )}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
