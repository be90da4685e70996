import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';

/** A two-step confirm: the first tap names what will happen, the second does it. */
export function Confirm({
  question,
  label,
  ready,
  busy,
  onConfirm,
}: {
  question: string;
  label: string;
  ready: boolean;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!ready) return null;
  if (!asking) {
    return (
      <Button className="hl-button hl-button--primary" onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <View>
      <Text className="hl-text">{question}</Text>
      <Button className="hl-button hl-button--primary" loading={busy} disabled={busy} onClick={onConfirm}>
        确认{label}
      </Button>
      <Button className="hl-button" disabled={busy} onClick={() => setAsking(false)}>
        取消
      </Button>
    </View>
  );
}
