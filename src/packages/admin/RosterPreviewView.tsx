import { Text, View } from '@tarojs/components';
import type { RosterPreview } from '@honglin/types/roster';

/** What the file would do: how many rows are new, changed or unchanged, and every problem by its row. */
export function PreviewView({ fileName, preview }: { fileName: string; preview: RosterPreview }) {
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
