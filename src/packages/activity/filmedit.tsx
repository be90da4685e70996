import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { navigateBack, useRouter } from '@tarojs/taro';
import { FILM_KINDS, FILM_KIND_LABELS, type Film, type FilmKind, type WatchWhere } from '@honglin/types/video';
import { videoApi } from '@/api/video';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { disabledIf } from './context';
import './activity.scss';

type PlatformWhere = Extract<WatchWhere, { platform: string }>;
const isPlatform = (w: WatchWhere): w is PlatformWhere => 'platform' in w;

/** 添加 / 修改影片 (town admins): title, series, kind, length, where to watch it, a short description; or remove it. */
export default function FilmEditPage() {
  const { params } = useRouter();
  const id = params.id;
  const { query, reload } = useQuery<Film | null>(
    async () => (id ? videoApi.get({ id }) : { ok: true, data: null }),
    [id],
  );
  return (
    <PageShell query={query} onRetry={reload}>
      {(film) => <FilmForm film={film} />}
    </PageShell>
  );
}

function FilmForm({ film }: { film: Film | null }) {
  const platform = film?.where.find(isPlatform);
  const [title, setTitle] = useState(film?.title ?? '');
  const [series, setSeries] = useState(film?.series ?? '');
  const [kind, setKind] = useState<FilmKind>(film?.kind ?? 'exemplar');
  const [length, setLength] = useState(film ? String(film.lengthMinutes) : '');
  const [where, setWhere] = useState(platform?.platform ?? '');
  const [url, setUrl] = useState(platform?.url ?? '');
  const [description, setDescription] = useState(film?.description ?? '');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [requestId] = useState(newRequestId);

  async function save() {
    setBusy(true);
    setMessage('');
    // The first platform is edited here; other ways to watch (e.g. a stored video) stay as they are.
    const others = film ? film.where.filter((w) => w !== platform) : [];
    const answer = await videoApi.save({
      ...(film ? { id: film._id } : {}),
      requestId,
      title,
      ...(series.trim() ? { series } : {}),
      kind,
      lengthMinutes: Number(length),
      where: [...(where.trim() ? [{ platform: where, ...(url.trim() ? { url: url.trim() } : {}) }] : []), ...others],
      description,
    });
    setBusy(false);
    if (!answer.ok) {
      setMessage(answer.error.message);
      return;
    }
    navigateBack();
  }

  async function remove(id: string) {
    setBusy(true);
    const answer = await videoApi.remove({ id });
    setBusy(false);
    if (!answer.ok) {
      setMessage(answer.error.message);
      return;
    }
    navigateBack();
  }

  return (
    <View className="act-card">
      <Text className="act-label">片名</Text>
      <Input className="act-input" value={title} placeholder="例如：榜样" onInput={(e) => setTitle(e.detail.value)} />
      <Text className="act-label">系列（可不填）</Text>
      <Input
        className="act-input"
        value={series}
        placeholder="例如：榜样系列"
        onInput={(e) => setSeries(e.detail.value)}
      />
      <Text className="act-label">类别</Text>
      <View className="act-chips">
        {FILM_KINDS.map((k) => (
          <Button key={k} className={`act-chip${kind === k ? ' act-chip--on' : ''}`} onClick={() => setKind(k)}>
            {FILM_KIND_LABELS[k]}
          </Button>
        ))}
      </View>
      <Text className="act-label">片长（分钟）</Text>
      <Input className="act-input" type="number" value={length} onInput={(e) => setLength(e.detail.value)} />
      <Text className="act-label">在哪里看（平台名称）</Text>
      <Input
        className="act-input"
        value={where}
        placeholder="例如：学习强国"
        onInput={(e) => setWhere(e.detail.value)}
      />
      <Text className="act-label">观看链接（可不填）</Text>
      <Input className="act-input" value={url} placeholder="https://" onInput={(e) => setUrl(e.detail.value)} />
      <Text className="act-label">简介（可不填）</Text>
      <Textarea
        className="act-textarea"
        value={description}
        maxlength={300}
        onInput={(e) => setDescription(e.detail.value)}
      />
      {message && <Text className="act-message">{message}</Text>}
      <Button className="act-button" disabled={disabledIf(busy)} onClick={save}>
        {film ? '保存修改' : '添加到片库'}
      </Button>
      {film &&
        (confirming ? (
          <Button className="act-button act-button--plain" disabled={disabledIf(busy)} onClick={() => remove(film._id)}>
            确定从片库移除《{film.title}》
          </Button>
        ) : (
          <Button className="act-button act-button--plain" onClick={() => setConfirming(true)}>
            从片库移除
          </Button>
        ))}
    </View>
  );
}
