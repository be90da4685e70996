import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { navigateBack, useRouter } from '@tarojs/taro';
import { activityApi } from '@/api/activity';
import { PageShell } from '@/components/PageShell';
import { PhotoPicker } from '@/components/PhotoPicker';
import { usePhotoUpload } from '@/hooks/usePhotoUpload';
import { useQuery } from '@/lib/useQuery';
import { disabledIf } from './context';
import './activity.scss';

/** 活动记录: the summary, photos (cloud storage) and, for a practice, enterprises visited and requests taken up. */
export default function RecordActivityPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { query, reload } = useQuery(() => activityApi.get({ id }), [id]);
  const [summary, setSummary] = useState<string | null>(null);
  const [photos, setPhotos] = useState<string[] | null>(null);
  const [enterprises, setEnterprises] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const upload = usePhotoUpload(9, (n) => `activity/${id}/${Date.now()}-${n}.jpg`);

  return (
    <PageShell query={query} onRetry={reload}>
      {({ activity }) => {
        const text = summary ?? activity.summary ?? '';
        const list = photos ?? activity.photos;
        async function addPhoto() {
          const added = await upload.add(list.length);
          if (!added) return;
          if (added.error) setMessage(added.error.message);
          setPhotos([...list, ...added.fileIDs]);
        }
        async function save() {
          setBusy(true);
          setMessage('');
          const answer = await activityApi.record({
            id: activity._id,
            summary: text,
            photos: list,
            ...(activity.kind === 'practice'
              ? { practice: { enterprises: enterprises.split(/[，,、\s]+/).filter(Boolean), requestIds: [] } }
              : {}),
          });
          setBusy(false);
          if (answer.ok) navigateBack();
          else setMessage(answer.error.message);
        }
        return (
          <View className="act-card">
            <Text className="act-title">{activity.title}</Text>
            <Text className="act-label">活动小结</Text>
            <Textarea
              className="act-textarea"
              value={text}
              maxlength={1000}
              onInput={(e) => setSummary(e.detail.value)}
            />
            {activity.kind === 'practice' && (
              <>
                <Text className="act-label">走访的企业（用逗号隔开）</Text>
                <Input className="act-input" value={enterprises} onInput={(e) => setEnterprises(e.detail.value)} />
              </>
            )}
            <Text className="act-label">活动照片（最多9张）</Text>
            <PhotoPicker area="act" photos={list} />
            {list.length < 9 && (
              <Button
                className="act-button act-button--plain"
                disabled={disabledIf(busy || upload.uploading)}
                onClick={addPhoto}
              >
                添加照片
              </Button>
            )}
            {message && <Text className="act-message">{message}</Text>}
            <Button
              className="act-button"
              disabled={disabledIf(busy || upload.uploading || !text.trim())}
              onClick={save}
            >
              保存活动记录
            </Button>
          </View>
        );
      }}
    </PageShell>
  );
}
