import { Text, View } from '@tarojs/components';
import './index.scss';

interface ComingSoonProps {
  /** What the page will be for, shown as its heading. */
  title: string;
  /** What users will be able to do here once it is built. */
  plans: string;
}

/** Says plainly that a page is not built yet; no placeholder data. */
export function ComingSoon({ title, plans }: ComingSoonProps) {
  return (
    <View className="hl-coming-soon">
      <Text className="hl-coming-soon__title">{title}</Text>
      <Text className="hl-coming-soon__status">此功能正在建设中，暂不能使用。</Text>
      <Text className="hl-coming-soon__plans">{plans}</Text>
    </View>
  );
}
