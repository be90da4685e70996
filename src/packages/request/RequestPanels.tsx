import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Envelope } from '@honglin/types/envelope';
import { RATINGS, RATING_LABELS, type Rating } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { Chip } from '@/components/Chip';
import { PhotoPicker } from '@/components/PhotoPicker';
import { usePhotoUpload } from '@/hooks/usePhotoUpload';
import { askToBeTold } from '@/lib/subscribe';

/** The panel a tap on one of the request's actions opens under them (none: null). */
export type Panel = 'escalate' | 'handBack' | 'resolve' | 'rate' | 'assign' | 'comment' | null;

/** Runs one action on the request; the detail page closes the panel and reloads when it succeeds. */
export type Run = (call: () => Promise<Envelope<unknown>>) => Promise<void>;

/** 评价: satisfied or not, and a word on it; 不满意 sends the request back to be handled again. */
export function RatePanel({ id, busy, run }: { id: string; busy: boolean; run: Run }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [text, setText] = useState('');
  return (
    <View className="rq-card">
      <Text className="rq-title">您对办理结果满意吗？</Text>
      <View className="rq-chips">
        {RATINGS.map((r) => (
          <Chip key={r} area="rq" on={rating === r} onTap={() => setRating(r)}>
            {RATING_LABELS[r]}
          </Chip>
        ))}
      </View>
      <Textarea
        className="rq-textarea"
        value={text}
        placeholder="想说的话（可不填）"
        onInput={(e) => setText(e.detail.value)}
      />
      <Text className="rq-note">选“不满意”会退回重新办理。</Text>
      <Button
        className="rq-button"
        type="primary"
        size="large"
        loading={busy}
        disabled={!rating}
        onClick={() => rating && run(() => requestApi.rate({ id, rating, ...(text.trim() ? { comment: text } : {}) }))}
      >
        提交评价
      </Button>
    </View>
  );
}

interface TextPanelProps {
  panel: 'escalate' | 'handBack' | 'comment' | 'resolve';
  id: string;
  /** The id of the comment being written: a retried send of it adds it once. */
  commentId: string;
  busy: boolean;
  run: Run;
  onError: (message: string) => void;
}

const TEXT_TITLES: Record<TextPanelProps['panel'], string> = {
  escalate: '上报原因',
  handBack: '退回原因',
  comment: '留言',
  resolve: '办理结果',
};

/** 上报, 退回, 留言 and 办结: a text (a reason, a comment, the result) and, for 办结, photos of the result. */
export function TextPanel({ panel, id, commentId, busy, run, onError }: TextPanelProps) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const upload = usePhotoUpload(9, (n) => `requests/${id}/result-${Date.now()}-${n}.jpg`);

  async function addPhotos() {
    const added = await upload.add(photos.length);
    if (!added) return;
    if (added.error) onError(`照片没有传上去：${added.error.message}`);
    setPhotos([...photos, ...added.fileIDs]);
  }

  return (
    <View className="rq-card">
      <Text className="rq-title">{TEXT_TITLES[panel]}</Text>
      <Textarea
        className="rq-textarea"
        value={text}
        placeholder={panel === 'resolve' ? '做了什么、结果怎样' : '请写明原因'}
        onInput={(e) => setText(e.detail.value)}
      />
      {panel === 'resolve' && (
        <View className="rq-field">
          <PhotoPicker
            area="rq"
            photos={photos}
            addTile={
              <Text className="rq-add-photo" onClick={addPhotos}>
                ＋ 照片
              </Text>
            }
          />
        </View>
      )}
      <Button
        className="rq-button"
        type="primary"
        size="large"
        loading={busy}
        onClick={async () => {
          // Whoever resolves a request (an assigned member too) is told if the resident reopens it.
          if (panel === 'resolve') await askToBeTold('handling');
          await run(() => {
            if (panel === 'escalate') return requestApi.escalate({ id, reason: text });
            if (panel === 'handBack') return requestApi.handBack({ id, reason: text });
            if (panel === 'resolve') return requestApi.resolve({ id, result: text, photos });
            return requestApi.comment({ id, requestId: commentId, text });
          });
        }}
      >
        确定
      </Button>
    </View>
  );
}
