import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Envelope } from '@honglin/types/envelope';
import { APPRAISAL_GRADES, APPRAISAL_GRADE_LABELS, type AppraisalGrade } from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import { Chip } from '@/components/Chip';

// The branch's two boxes on a pledge's page: 审诺 while it waits for review, 评诺 once it is completed.

export interface BoxProps {
  id: string;
  busy: boolean;
  act: (run: () => Promise<Envelope<unknown>>, confirm?: string) => Promise<void>;
}

/** 审诺: approve, or return with a reason the member will read. */
export function ReviewBox({ id, busy, act }: BoxProps) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <View className="pl-card">
      <Text className="pl-section__title">支部审核</Text>
      {returning && (
        <Textarea
          className="pl-form__textarea"
          placeholder="请写明退回原因和修改建议"
          maxlength={200}
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      )}
      <View className="pl-actions">
        {!returning && (
          <Button
            className="pl-button"
            type="primary"
            size="large"
            disabled={busy}
            onClick={() => act(() => pledgeApi.review({ id, decision: 'approve' }))}
          >
            审核通过（亮诺）
          </Button>
        )}
        <Button
          className="pl-button"
          size="large"
          disabled={busy}
          onClick={() =>
            returning ? act(() => pledgeApi.review({ id, decision: 'return', reason })) : setReturning(true)
          }
        >
          {returning ? '确认退回' : '退回修改'}
        </Button>
      </View>
    </View>
  );
}

/** 评诺: a grade and a comment on a completed pledge. */
export function AppraiseBox({ id, busy, act }: BoxProps) {
  const [grade, setGrade] = useState<AppraisalGrade | undefined>();
  const [comment, setComment] = useState('');
  return (
    <View className="pl-card">
      <Text className="pl-section__title">支部评议</Text>
      <View className="pl-chips">
        {APPRAISAL_GRADES.map((g) => (
          <Chip key={g} area="pl" on={grade === g} onTap={() => setGrade(g)}>
            {APPRAISAL_GRADE_LABELS[g]}
          </Chip>
        ))}
      </View>
      <Textarea
        className="pl-form__textarea"
        placeholder="评语：这条承诺完成得怎么样"
        maxlength={300}
        value={comment}
        onInput={(e) => setComment(e.detail.value)}
      />
      <View className="pl-actions">
        <Button
          className="pl-button"
          type="primary"
          size="large"
          disabled={busy || !grade}
          onClick={() => grade && act(() => pledgeApi.appraise({ id, grade, comment }))}
        >
          提交评议
        </Button>
      </View>
    </View>
  );
}
