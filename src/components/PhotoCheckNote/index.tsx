import { Text } from '@tarojs/components';

/**
 * Under photos still in WeChat's image check: the answer names them only to their uploader and the people who
 * handle the record, so whoever sees this note may be the only one who sees those photos yet.
 */
export function PhotoCheckNote({ pending, className }: { pending?: string[]; className: string }) {
  if (!pending || pending.length === 0) return null;
  return <Text className={className}>{`图片审核中（${pending.length}张）：审核通过后其他人才能看到`}</Text>;
}
