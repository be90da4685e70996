import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { chooseLocation, navigateBack, redirectTo } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { PhotoPicker } from '@/components/PhotoPicker';
import { usePhotoUpload } from '@/hooks/usePhotoUpload';
import { editingDraft, emptyDraft, removeDraft, saveDraft, sendDraft, type RequestDraft } from '@/store/requestDrafts';
import { askToBeTold } from '@/lib/subscribe';
import { CategoryDetails, DraftToggles } from './DraftFields';
import { SimilarRequests, useSimilarRequests } from './SimilarRequests';
import '@/components/request/request.scss';

const MAX_PHOTOS = 9;

/** 反映问题: category, what is wrong, photos, whether the name is shown; similar open requests first. */
export default function SubmitRequestPage() {
  const [draft, setDraft] = useState<RequestDraft>(() => editingDraft() ?? emptyDraft());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const similar = useSimilarRequests(draft);

  // Every change is kept on the phone at once: closing the app or losing signal loses nothing.
  const change = (patch: Partial<RequestDraft>) => {
    const next = { ...draft, ...patch, status: 'editing' as const };
    setDraft(next);
    saveDraft(next);
  };

  async function markPlace() {
    const place = await chooseLocation({}).catch(() => null);
    if (!place) return;
    change({
      point: { type: 'Point', coordinates: [place.longitude, place.latitude] },
      pointName: place.name || place.address,
    });
  }

  const upload = usePhotoUpload(MAX_PHOTOS, (n) => `requests/${draft.requestId}/${n + 1}.jpg`);

  async function addPhotos() {
    const added = await upload.add(draft.photos.length);
    if (!added) return;
    if (added.error) setMessage(`照片没有传上去：${added.error.message}`);
    change({ photos: [...draft.photos, ...added.fileIDs] });
  }

  async function follow(id: string) {
    setBusy(true);
    const answer = await requestApi.follow({ id });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error.message);
    removeDraft(draft.requestId);
    redirectTo({ url: `/packages/request/detail?id=${id}` });
  }

  async function submit() {
    if (!draft.category) return setMessage('请先选择问题类别');
    if (draft.text.trim().length < 2) return setMessage('请用几句话说说遇到了什么问题');
    await askToBeTold('request');
    setBusy(true);
    setMessage('');
    const answer = await sendDraft(draft);
    setBusy(false);
    if (answer.ok) {
      redirectTo({ url: `/packages/request/detail?id=${answer.data.id}` });
      return;
    }
    if (answer.error.code === 'NETWORK' || answer.error.code === 'INTERNAL') {
      setMessage('网络不好，诉求已保存在手机上。有信号时在“诉求”页点“发送”即可，不会重复提交。');
      setDraft(emptyDraft());
      return;
    }
    setMessage(answer.error.message);
  }

  return (
    <PageShell>
      <View className="rq-field">
        <Text className="rq-label">1. 遇到了什么类型的问题？</Text>
        <View className="rq-chips">
          {REQUEST_CATEGORIES.map((c) => (
            <Chip key={c} area="rq" on={draft.category === c} onTap={() => change({ category: c })}>
              {REQUEST_CATEGORY_LABELS[c]}
            </Chip>
          ))}
        </View>
      </View>

      <SimilarRequests similar={similar} busy={busy || upload.uploading} onFollow={follow} />

      <CategoryDetails draft={draft} change={change} />

      <View className="rq-field">
        <Text className="rq-label">2. 说说具体情况</Text>
        <Textarea
          className="rq-textarea"
          value={draft.text}
          maxlength={1000}
          placeholder="什么地方、什么问题、希望怎么解决"
          onInput={(e) => change({ text: e.detail.value })}
        />
      </View>

      <View className="rq-field">
        <Text className="rq-label">3. 拍照（可不拍，最多9张）</Text>
        <PhotoPicker
          area="rq"
          photos={draft.photos}
          addTile={
            draft.photos.length < MAX_PHOTOS && (
              <Text className="rq-add-photo" onClick={addPhotos}>
                ＋ 拍照
              </Text>
            )
          }
        />
      </View>

      {/* The map needs WeChat's location picker: the weapp only (the H5 build has no map key). */}
      {process.env.TARO_ENV === 'weapp' && (
        <View className="rq-field">
          <Text className="rq-label">4. 在地图上标出位置（可不选，默认是您住的邻）</Text>
          <View className="rq-row" onClick={markPlace}>
            <Text>{draft.pointName || '点这里选位置'}</Text>
            <Text className="rq-state">{draft.point ? '重新选' : '选位置'}</Text>
          </View>
        </View>
      )}
      <DraftToggles draft={draft} change={change} />

      {message && <Text className="rq-error">{message}</Text>}
      <View className="rq-actions">
        <Button
          className="rq-button"
          type="primary"
          size="large"
          loading={busy || upload.uploading}
          disabled={busy || upload.uploading}
          onClick={submit}
        >
          提交
        </Button>
        <Button className="rq-button" size="large" onClick={() => navigateBack()}>
          稍后再提交
        </Button>
      </View>
    </PageShell>
  );
}
