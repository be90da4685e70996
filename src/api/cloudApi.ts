import type * as z from 'zod';
import type { CallName, CallNames } from '@honglin/types/contract/action';
import type { Envelope } from '@honglin/types/envelope';
import { callCloud } from './transport';

/** An input the action accepts empty may be left out. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is what an input of optional fields accepts
type Args<I> = {} extends I ? [input?: I] : [input: I];

/** How the app calls one action: its input as the contract's schema reads it, its answer the contract's output. */
type ClientCall<A> = A extends { input: infer S extends z.ZodType; views: infer Views }
  ? <I extends z.input<S>>(
      input: I,
    ) => Promise<Envelope<Views[I extends { view: infer V extends keyof Views } ? V : never]>>
  : A extends { input: infer S extends z.ZodType; output: infer O }
    ? (...args: Args<z.input<S>>) => Promise<Envelope<O>>
    : never;

/** The app's API of one function: a typed call per action of its contract that the app may call. */
export type ClientApi<C> = { [K in CallName<C>]: ClientCall<C[K]> };

/**
 * Builds the API of cloud function `fn` from its contract (types/contract/<fn>.ts): `calls` is the contract's
 * run-time list of the actions the app may call, so the bundle carries their names and nothing else of it.
 */
export function cloudApi<C>(fn: string, calls: CallNames<C>): ClientApi<C> {
  const api: Record<string, (input?: object) => Promise<Envelope<unknown>>> = {};
  for (const action of Object.keys(calls)) api[action] = (input = {}) => callCloud(fn, action, input);
  // Each call answers what the server's table is checked to answer for it (ServerActions in common/runtime.ts).
  return api as ClientApi<C>;
}
