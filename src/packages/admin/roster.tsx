import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { ROSTER_COLUMNS, ROSTER_KIND_LABELS, ROSTER_KINDS, type RosterKind } from '@honglin/types/roster';
import type { RosterFile, RosterPreview, RosterProgress, RosterSheet } from '@honglin/types/roster';
import { rosterApi } from '@/api/roster';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { newRequestId } from '@/lib/requestId';
import { openWorkbook } from '@/lib/openWorkbook';
import { chooseSheet, uploadSheet } from './rosterFile';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

/**
 * 名册导入: the rosters a village or the town already keeps (党员花名册, 农户名册, 片组邻长名单), from Excel or CSV.
 * Template → filled file → preview with every problem by row → confirm in batches → done; the roster back as Excel;
 * and the invitation sheet that members not linked yet scan at their branch meeting.
 */
export default function RosterPage() {
  const scope = useAdminScope();
  const [kind, setKind] = useState<RosterKind>('members');
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() =>
        scope.unitId ? (
          <View>
            <View className="hl-section">
              <Text className="hl-label">名册类型</Text>
              <View className="hl-chips">
                {ROSTER_KINDS.map((k) => (
                  <Chip key={k} area="hl" on={k === kind} onTap={() => setKind(k)}>
                    {ROSTER_KIND_LABELS[k]}
                  </Chip>
                ))}
              </View>
              <Text className="hl-label">导入到</Text>
              <View className="hl-chips">
                {scope.grants.map((g) => (
                  <Chip key={g.unitId} area="hl" on={g.unitId === scope.unitId} onTap={() => scope.choose(g.unitId)}>
                    {g.unitName}
                  </Chip>
                ))}
              </View>
            </View>
            <Import key={`${kind}-${scope.unitId}`} kind={kind} unitId={scope.unitId} />
            <Export key={`export-${kind}-${scope.unitId}`} kind={kind} unitId={scope.unitId} />
            <InvitationSheet
              key={`sheet-${scope.unitId}`}
              unitId={scope.unitId}
              unitName={scope.grants.find((g) => g.unitId === scope.unitId)?.unitName ?? ''}
            />
          </View>
        ) : (
          <Text className="hl-text">只有村（社区）和镇的管理员可以导入名册。</Text>
        )
      }
    </PageShell>
  );
}

type Step =
  | { at: 'choose' }
  | { at: 'busy'; text: string }
  | { at: 'preview'; preview: RosterPreview }
  | { at: 'writing'; preview: RosterPreview; progress: RosterProgress | null; error?: string }
  | { at: 'done'; progress: RosterProgress };

function Import({ kind, unitId }: { kind: RosterKind; unitId: string }) {
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

function PreviewView({ fileName, preview }: { fileName: string; preview: RosterPreview }) {
  const withProblems = preview.total - preview.valid;
  return (
    <>
      <Text className="hl-label">
        {fileName}：共{preview.total}行
      </Text>
      <View className="hl-row">
        <Text>新增 {preview.creates}</Text>
        <Text>更新 {preview.updates}</Text>
        <Text>不变 {preview.unchanged}</Text>
      </View>
      {withProblems > 0 ? (
        <>
          <Text className="hl-error">
            {withProblems}行有问题，不会导入。请改正后重新选择文件，或先导入其余{preview.valid}行：
          </Text>
          {preview.problems.map((p, i) => (
            <Text key={`${p.row}-${i}`} className="hl-text">
              第{p.row}行：{p.message}
            </Text>
          ))}
          {preview.problems.length < withProblems && (
            <Text className="hl-note">只列出前{preview.problems.length}个问题。</Text>
          )}
        </>
      ) : (
        <Text className="hl-success">每一行都检查通过。</Text>
      )}
    </>
  );
}

function Export({ kind, unitId }: { kind: RosterKind; unitId: string }) {
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<RosterFile | null>(null);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    const answer = await rosterApi.export({ kind, unitId });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setFile(answer.data);
    const failed = await openWorkbook(answer.data);
    if (failed) setError(failed);
  };
  return (
    <View className="hl-section">
      <Text className="hl-section__title">导出{ROSTER_KIND_LABELS[kind]}</Text>
      <Text className="hl-note">按模板的表头导出，留作本单位的记录。</Text>
      <Button className="hl-button" loading={busy} disabled={busy} onClick={run}>
        导出名册
      </Button>
      {file && (
        <Text className="hl-success" onClick={() => openWorkbook(file)}>
          已导出：{file.fileName}（点此再次打开）
        </Text>
      )}
      {error && <Text className="hl-error">{error}</Text>}
    </View>
  );
}

type SheetStep =
  { at: 'idle' } | { at: 'busy'; progress: RosterSheet | null } | { at: 'done'; files: RosterFile[]; total: number };

/**
 * 打印邀请码: each branch's A4 sheet of personal invitation codes for the members on the roster who have not joined
 * yet, made over several calls (invitations first, then the pages) and opened; printing again gives the same codes.
 */
function InvitationSheet({ unitId, unitName }: { unitId: string; unitName: string }) {
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
