import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { navigateBack, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { pledgeApi } from '@/api/pledge';
import { PageShell } from '@/components/PageShell';
import { PhotoPicker } from '@/components/PhotoPicker';
import { usePhotoUpload } from '@/hooks/usePhotoUpload';
import { dayLabel } from '@/lib/datetime';
import { newRequestId } from '@/lib/requestId';
import { today } from '@/lib/pledgeRoles';
import { RequestLinkPicker } from './RequestLinkPicker';
import '@/components/pledge/pledge.scss';

const MAX_PHOTOS = 9;

/** 记录践诺: what was done on which day, photos, how many people it helped, and the request it solved. */
export default function PledgeFulfilPage() {
  const id = useRouter().params.id ?? '';
  const [requestId] = useState(newRequestId);
  const [day, setDay] = useState(today);
  const [text, setText] = useState('');
  const [peopleHelped, setPeopleHelped] = useState('');
  const [linkedRequestId, setLinkedRequestId] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  const upload = usePhotoUpload(MAX_PHOTOS, (n) => `pledges/${id}/${requestId}-${n}.jpg`);

  async function addPhotos() {
    const added = await upload.add(photos.length);
    if (!added) return;
    setError(added.error ? `照片上传失败：${added.error.message}` : '');
    setPhotos((p) => [...p, ...added.fileIDs].slice(0, MAX_PHOTOS));
  }

  async function save() {
    if (!text.trim()) return setError('请写下这次做了什么');
    const helped = peopleHelped.trim() === '' ? 0 : Number(peopleHelped);
    if (!Number.isInteger(helped) || helped < 0) return setError('帮助人数请填整数');
    setError('');
    setSaving(true);
    const answer = await pledgeApi.addFulfilment({
      id,
      requestId,
      day,
      text,
      photos,
      peopleHelped: helped,
      ...(linkedRequestId ? { linkedRequestId } : {}),
    });
    setSaving(false);
    if (!answer.ok) return setError(answer.error.message);
    navigateBack();
  }

  return (
    <PageShell>
      <Text className="pl-form__label">哪一天</Text>
      <Picker mode="date" value={day} end={today()} onChange={(e) => setDay(String(e.detail.value))}>
        <View className="pl-form__picker">{dayLabel(day)}</View>
      </Picker>
      <Text className="pl-form__label">做了什么</Text>
      <Textarea
        className="pl-form__textarea"
        placeholder="例如：为刘奶奶家打扫了院子，修好了水龙头"
        maxlength={500}
        value={text}
        onInput={(e) => setText(e.detail.value)}
      />
      <Text className="pl-form__label">照片（最多{MAX_PHOTOS}张，可不传）</Text>
      <PhotoPicker area="pl" photos={photos} />
      {photos.length < MAX_PHOTOS && (
        <Button className="pl-button" size="large" loading={upload.uploading} onClick={addPhotos}>
          添加照片
        </Button>
      )}
      <Text className="pl-form__label">帮助了几人（可不填）</Text>
      <Input
        className="pl-form__input"
        type="number"
        value={peopleHelped}
        onInput={(e) => setPeopleHelped(e.detail.value)}
      />
      <Text className="pl-form__label">解决了哪条群众诉求（可不选）</Text>
      <RequestLinkPicker value={linkedRequestId} onChange={setLinkedRequestId} />
      {error && <Text className="pl-form__error">{error}</Text>}
      <View className="pl-actions" style={{ marginTop: '24px' }}>
        <Button
          className="pl-button"
          type="primary"
          size="large"
          loading={saving}
          disabled={upload.uploading}
          onClick={save}
        >
          保存践诺记录
        </Button>
      </View>
    </PageShell>
  );
}
