import { Image, Text, View } from '@tarojs/components';
import { switchTab } from '@tarojs/taro';
import { textScaleStyle, useElderMode } from '@/lib/elderMode';
import { showTab, useShownTab } from '@/lib/tabBar';
import { TABS, tabPath } from '@/lib/tabs';
import './index.scss';

/**
 * The weapp's tab bar (app.config.ts `tabBar.custom`): WeChat's own cannot change its text size, and in 长辈模式
 * every tab must be at least 60 px high with a label of at least 18 px (MIIT 适老化). Same icons, labels and
 * switchTab as the native one; it follows WeChat's font-size setting like the pages do. H5 keeps Taro's tab bar.
 */
export default function CustomTabBar() {
  const elder = useElderMode();
  const shown = useShownTab();
  return (
    <View className={`hl-tabbar${elder ? ' hl-tabbar--elder' : ''}`} style={textScaleStyle(elder)}>
      {TABS.map(({ page, text }) => {
        const selected = page === shown;
        return (
          <View
            key={page}
            className={`hl-tabbar__item${selected ? ' hl-tabbar__item--selected' : ''}`}
            onClick={() => {
              showTab(page);
              void switchTab({ url: `/${tabPath(page)}` });
            }}
          >
            <Image
              className="hl-tabbar__icon"
              src={`/assets/tab/${page}${selected ? '-active' : ''}.png`}
              mode="aspectFit"
            />
            <Text className="hl-tabbar__label">{text}</Text>
          </View>
        );
      })}
    </View>
  );
}
