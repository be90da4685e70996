import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  RATING_VERDICTS,
  RATING_VERDICT_LABELS,
  type PledgeRatingCounts,
  type RatingVerdict,
} from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import '@/components/pledge/pledge.scss';

interface RatingsProps {
  pledgeId: string;
  ratings: PledgeRatingCounts;
  /** Show the 满意/不满意 buttons (the server still decides who may rate). */
  canRate: boolean;
  myRating?: RatingVerdict;
}

/** 群众评: the counts, and for a resident who has not rated yet, one tap on 满意 or 不满意. Never who voted. */
export function Ratings({ pledgeId, ratings, canRate, myRating }: RatingsProps) {
  const [counts, setCounts] = useState(ratings);
  const [mine, setMine] = useState(myRating);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function rate(verdict: RatingVerdict) {
    setBusy(true);
    const answer = await pledgeApi.rate({ id: pledgeId, verdict });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error.message);
    setCounts(answer.data);
    setMine(verdict);
    setMessage('');
  }

  return (
    <View className="pl-ratings">
      <Text className="pl-card__line">
        满意 {counts.satisfied} · 不满意 {counts.unsatisfied}
      </Text>
      {mine && <Text className="pl-card__next">您已评价：{RATING_VERDICT_LABELS[mine]}</Text>}
      {!mine && canRate && (
        <View className="pl-actions">
          {RATING_VERDICTS.map((v) => (
            <Button
              key={v}
              className="pl-button"
              type={v === 'satisfied' ? 'primary' : 'default'}
              size="large"
              disabled={busy}
              onClick={(e) => {
                // The card around opens the pledge; a vote is not a tap on the card.
                e.stopPropagation();
                rate(v);
              }}
            >
              {RATING_VERDICT_LABELS[v]}
            </Button>
          ))}
        </View>
      )}
      {message && <Text className="pl-form__error">{message}</Text>}
    </View>
  );
}
