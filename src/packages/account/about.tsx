import { Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import './form.scss';

/** 关于红邻. */
export default function AboutPage() {
  return (
    <PageShell>
      <View className="hl-section">
        <Text className="hl-section__title">关于红邻</Text>
        <Text className="hl-text">
          红邻是鹿原镇党建引领、邻里服务的小程序：群众有事找邻长，片长、组长、邻长每月走访，党员承诺践诺，党支部开展“一月一课一片一实践”主题党日活动。
        </Text>
        <Text className="hl-text">
          红邻不设打卡、不设积分排名、不统计个人学习时长，统计的是办成了多少事、开展了多少活动。
        </Text>
        <Text className="hl-note">如有问题或建议，请联系您所在村（社区）或镇党委组织办。</Text>
      </View>
    </PageShell>
  );
}
