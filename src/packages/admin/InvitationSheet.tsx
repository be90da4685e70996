import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { RosterFile, RosterSheet } from '@honglin/types/roster';
import { rosterApi } from '@/api/roster';
import { openWorkbook } from '@/lib/openWorkbook';

type SheetStep =
  { at: 'idle' } | { at: 'busy'; progress: RosterSheet | null } | { at: 'done'; files: RosterFile[]; total: number };

/**
 * 打印邀请码: each branch's A4 sheet of personal invitation codes for the members on the roster who have not joined
 * yet, made over several calls (invitations first, then the pages) and opened; printing again gives the same codes.
 */
export function InvitationSheet({ unitId, unitName }: { unitId: string; unitName: string }) {
  const [step, setStep] = useState<SheetStep>({ at: 'idle' });
  const [error, setError] = useState('');
  const run = async () => {
    setError('');
    setStep({ at: 'busy', progress: null });
    const files: RosterFile[] = [];
    let after: string | undefined;
    for (;;) {
      const answer = await rosterApi.sheet({ unitId, ...(after ? { after } : {}) });
      if (!answer.ok) {
        setStep({ at: 'idle' });
        return setError(answer.error.message);
      }
      files.push(...answer.data.files);
      after = answer.data.next ?? after;
      if (answer.data.done) {
        setStep({ at: 'done', files, total: answer.data.total });
        break;
      }
      setStep({ at: 'busy', progress: answer.data });
    }
    if (files[0]) {
      const failed = await openWorkbook(files[0]);
      if (failed) setError(failed);
    }
  };
  const busy = step.at === 'busy';
  return (
    <View className="hl-section">
      <Text className="hl-section__title">党员邀请码</Text>
      <Text className="hl-note">
        为{unitName}
        名册中还没有加入的党员每人生成一个专属邀请码，每个党支部一份（A4，可打印后剪开），在支部会上发给本人，微信扫码即可加入。再次打印仍是同样的邀请码。
      </Text>
      <Button className="hl-button" loading={busy} disabled={busy} onClick={run}>
        打印邀请码
      </Button>
      {step.at === 'busy' && (
        <Text className="hl-note">
          {step.progress ? `正在生成：已生成${step.progress.prepared}/${step.progress.total}人` : '正在生成…'}
        </Text>
      )}
      {step.at === 'done' && step.total === 0 && (
        <Text className="hl-success">名册中的党员都已加入，没有要打印的邀请码。</Text>
      )}
      {step.at === 'done' &&
        step.files.map((file) => (
          <Text key={file.fileID} className="hl-success" onClick={() => openWorkbook(file)}>
            已生成：{file.fileName}（点此打开）
          </Text>
        ))}
      {error && <Text className="hl-error">{error}</Text>}
    </View>
  );
}
