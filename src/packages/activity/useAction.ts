import { useState } from 'react';
import type { Envelope } from '@honglin/types/envelope';

/** Runs one action of the activity page: `done` with its answer, or its refusal's message. */
export type ActionRun = <T>(call: () => Promise<Envelope<T>>, done: (data: T) => void) => Promise<void>;

export function useAction() {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  async function run<T>(call: () => Promise<Envelope<T>>, done: (data: T) => void) {
    setBusy(true);
    setMessage('');
    const answer = await call();
    setBusy(false);
    if (answer.ok) done(answer.data);
    else setMessage(answer.error.message);
  }
  return { message, setMessage, busy, run };
}
