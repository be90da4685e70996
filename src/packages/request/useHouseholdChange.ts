import { useState } from 'react';
import type { Envelope } from '@honglin/types/envelope';

/**
 * Sending one change of a household (add, move, split, close): busy while it runs, the refusal's message when
 * it is refused, and `onSaved` with the answer once it is saved.
 */
export function useHouseholdChange<T>(onSaved: (saved: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const send = async (call: () => Promise<Envelope<T>>) => {
    setBusy(true);
    setError('');
    const answer = await call();
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    onSaved(answer.data);
  };
  return { busy, error, send };
}
