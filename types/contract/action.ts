import type * as z from 'zod';

/**
 * The shapes of a function's contract (types/contract/<function>.ts): one interface naming each action with its
 * input schema and its output, each member's doc comment its one-line description. The server's action table is
 * checked against it (`ServerActions` in cloudfunctions/common/runtime.ts), the app's API is built from it
 * (`cloudApi` in src/api/cloudApi.ts) and docs/api/<function>.md carries a table generated from it
 * (`npm run docs:api`, checked by tests/unit/api-docs.test.ts).
 */

/** An action the app calls: its input schema (one of types/) and what it answers. */
export interface Call<S extends z.ZodType, O> {
  input: S;
  output: O;
}

/** An action whose answer depends on the input's `view`: `Views` maps each view to its answer. */
export interface ViewCall<S extends z.ZodType, Views extends Record<string, unknown>> {
  input: S;
  output: Views[keyof Views];
  views: Views;
}

/** The input of a timer whose Message is empty: `z.object({})`. */
export type NoInput = z.ZodObject<Record<never, never>, z.core.$strip>;

/**
 * An action WeChat starts, never the app: a timer trigger (config.json) or a message push. Its answer goes to the
 * log only.
 */
export interface Trigger<By extends 'timer' | 'push', S extends z.ZodType = NoInput, O = unknown> {
  input: S;
  output: O;
  by: By;
}

export type AnyAction =
  Call<z.ZodType, unknown> | ViewCall<z.ZodType, Record<string, unknown>> | Trigger<'timer' | 'push'>;

/** The actions of a contract the app may call (all but the triggers). */
export type CallName<C> = { [K in keyof C]: C[K] extends { by: string } ? never : K }[keyof C] & string;

/**
 * The run-time part of a contract: exactly the actions the app may call (`satisfies CallNames<…>` makes a missing
 * or an extra name a compile error). It is all of the contract a client bundle carries.
 */
export type CallNames<C> = Record<CallName<C>, true>;
