import { Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { GUIDELINE, GUIDELINE_VERSION } from './guideline';
import './form.scss';

/** The whole 隐私保护指引, readable before and after agreeing. */
export default function PrivacyPage() {
  return (
    <PageShell>
      <View className="hl-section">
        <Text className="hl-section__title">红邻隐私保护指引</Text>
        <Text className="hl-note">版本 {GUIDELINE_VERSION}</Text>
      </View>
      {GUIDELINE.map((section) => (
        <View key={section.title} className="hl-section">
          <Text className="hl-section__title">{section.title}</Text>
          {section.items.map((item) => (
            <Text key={item} className="hl-text">
              {item}
            </Text>
          ))}
        </View>
      ))}
    </PageShell>
  );
}
