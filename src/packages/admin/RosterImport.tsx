import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { ROSTER_COLUMNS, ROSTER_KIND_LABELS, type RosterKind } from '@honglin/types/roster';
import type { RosterPreview, RosterProgress } from '@honglin/types/roster';
import { rosterApi } from '@/api/roster';
import { newRequestId } from '@/lib/requestId';
import { openWorkbook } from '@/lib/openWorkbook';
import { chooseSheet, uploadSheet } from './rosterFile';
import { PreviewView } from './RosterPreviewView';

type Step =
  | { at: 'choose' }
  | { at: 'busy'; text: string }
  | { at: 'preview'; preview: RosterPreview }
  | { at: 'writing'; preview: RosterPreview; progress: RosterProgress | null; error?: string }
  | { at: 'done'; progress: RosterProgress };

/** 导入: the template, the filled file chosen and checked row by row, then written in batches once confirmed. */
export function Import({ kind, unitId }: { kind: RosterKind; unitId: string }) {
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const [error, setError] = useState('');
  const [fileName, setFileName] = useState('');

  const downloadTemplate = async () => {
    setError('');
    const answer = await rosterApi.template({ kind });
    if (!answer.ok) return setError(answer.error.message);
    const failed = await openWorkbook(answer.data);
    if (failed) setError(failed);
  };

  const choose = async () => {
    setError('');
    const sheet = await chooseSheet();
    if (!sheet) return;
    if ('error' in sheet) return setError(sheet.error);
    setFileName(sheet.name);
    // One request id per chosen file: a retried preview of this file gives the same import.
    const requestId = newRequestId();
    setStep({ at: 'busy', text: '正在上传…' });
    const uploaded = await uploadSheet(sheet, requestId);
    if (!uploaded.ok) {
      setStep({ at: 'choose' });
      return setError(uploaded.error.message);
    }
    setStep({ at: 'busy', text: '正在逐行检查…' });
    const answer = await rosterApi.preview({ requestId, kind, unitId, fileID: uploaded.data.fileID });
    if (!answer.ok) {
      setStep({ at: 'choose' });
      return setError(answer.error.message);
    }
    setStep({ at: 'preview', preview: answer.data });
  };

  /** Writes batch after batch until done; cut short, 继续导入 picks up where it stopped (the import is resumable). */
  const confirm = async (preview: RosterPreview) => {
    let progress: RosterProgress | null = null;
    setStep({ at: 'writing', preview, progress });
    for (;;) {
      const answer = await rosterApi.confirm({ importId: preview.importId });
      if (!answer.ok) return setStep({ at: 'writing', preview, progress, error: answer.error.message });
      progress = answer.data;
      if (progress.done) return setStep({ at: 'done', progress });
      setStep({ at: 'writing', preview, progress });
    }
  };

  const chooseButton = (label: string) => (
    <Button className="hl-button" onClick={choose}>
      {label}
    </Button>
  );

  return (
    <View className="hl-section">
      <Text className="hl-section__title">导入{ROSTER_KIND_LABELS[kind]}</Text>
      <Text className="hl-text">
        先下载模板，按表头填写（{ROSTER_COLUMNS[kind].map((c) => c.header).join('、')}），保存为 Excel 或
        CSV，再选择文件。导入前会逐行检查，确认后才写入；同一份名册再导入只会更新，不会重复。
      </Text>
      <Button className="hl-button" onClick={downloadTemplate}>
        下载模板
      </Button>
      {step.at === 'choose' && chooseButton('选择填好的文件')}
      {step.at === 'busy' && <Text className="hl-note">{step.text}</Text>}
      {(step.at === 'preview' || step.at === 'writing') && <PreviewView fileName={fileName} preview={step.preview} />}
      {step.at === 'preview' && (
        <>
          <Button
            className="hl-button hl-button--primary"
            disabled={step.preview.valid === 0}
            onClick={() => confirm(step.preview)}
          >
            确认导入{step.preview.valid}行
          </Button>
          {chooseButton(step.preview.problems.length > 0 ? '改好后重新选择文件' : '换一个文件')}
        </>
      )}
      {step.at === 'writing' && (
        <>
          <Text className="hl-note">
            正在导入：已写入{step.progress?.written ?? 0}/{step.progress?.total ?? step.preview.valid}行
          </Text>
          {step.error && (
            <>
              <Text className="hl-error">{step.error}</Text>
              <Button className="hl-button hl-button--primary" onClick={() => confirm(step.preview)}>
                继续导入
              </Button>
            </>
          )}
        </>
      )}
      {step.at === 'done' && (
        <>
          <Text className="hl-success">导入完成：共写入{step.progress.total}行。</Text>
          {chooseButton('导入另一个文件')}
        </>
      )}
      {error && <Text className="hl-error">{error}</Text>}
    </View>
  );
}
