import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { setClipboardData } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ExportResult, Period } from '@honglin/types/stats';
import { statsApi } from '@/api/stats';
import { openWorkbook } from '@/lib/openWorkbook';

/** 导出Excel: the figures of the unit and period as a workbook, opened at once; its link can be copied. */
export function ExportCard({ unitId, period }: { unitId: string; period: Period }) {
  const [state, setState] = useState<{ busy: boolean; result?: ExportResult; error?: string }>({ busy: false });
  async function run() {
    setState({ busy: true });
    const answer = await statsApi.export({ unitId, period });
    setState(answer.ok ? { busy: false, result: answer.data } : { busy: false, error: answer.error.message });
  }
  async function open(file: ExportResult) {
    const error = await openWorkbook(file);
    if (error) setState((s) => ({ ...s, error }));
  }
  const result = state.result;
  return (
    <View className="st-card">
      <Text className="st-section-title">导出Excel</Text>
      <Text className="st-note">包括以上数据和诉求、承诺、活动参加名单；群众的电话只对经办人显示完整号码。</Text>
      <Button className="st-button" type="primary" size="large" loading={state.busy} onClick={run}>
        {state.busy ? '正在导出…' : '导出Excel'}
      </Button>
      {state.error && <Text className="st-error">{state.error}</Text>}
      {result && (
        <View className="st-export">
          <Text className="st-note">
            {result.fileName}：诉求{result.rows.requests}条，承诺{result.rows.pledges}条，参加记录
            {result.rows.attendance}条{result.truncated ? '（名单太长，只导出了前5000条）' : ''}
          </Text>
          <Text className="st-link" userSelect>
            {result.url}
          </Text>
          <View className="st-range">
            <Button className="st-button" size="large" onClick={() => open(result)}>
              打开文件
            </Button>
            <Button className="st-button" size="large" onClick={() => setClipboardData({ data: result.url })}>
              复制下载链接
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
