import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { ROSTER_KIND_LABELS, type RosterKind } from '@honglin/types/roster';
import type { RosterFile } from '@honglin/types/roster';
import { rosterApi } from '@/api/roster';
import { openWorkbook } from '@/lib/openWorkbook';

/** 导出: the unit's roster as an Excel file with the template's headers. */
export function Export({ kind, unitId }: { kind: RosterKind; unitId: string }) {
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
