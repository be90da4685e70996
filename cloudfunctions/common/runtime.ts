import { COLLECTIONS } from './collections';
import '@honglin/types/zod-locale';
import type * as z from 'zod';
import { DEFAULT_MESSAGES, type Envelope } from '@honglin/types/envelope';
import { TOO_DEEP_MESSAGE, nestsDeeperThan } from '@honglin/types/json';
import type { AnyAction } from '@honglin/types/contract/action';
import type { RoleGrant } from '@honglin/types/org';
import { matchingGrants, type Access } from './access';
import { cloud } from './cloud';
import { byId } from './db';
import { AppError, forbidden, invalidArgument, notFound, unauthenticated } from './errors';

/** The stored record of a person (collection `users`, `_id` = OPENID), as far as the runtime needs it. */
export interface CallerRecord {
  _id: string;
  roles: RoleGrant[];
  deletedAt?: Date | null;
}

export interface ActionContext<R> {
  /** The caller's OPENID from the cloud context; empty for a scheduled trigger. */
  openid: string;
  /** The caller's record; null for someone who has never been seen (or whose account was deleted). */
  caller: CallerRecord | null;
  /** The caller's grants that satisfied the action's role rule (empty for `anyone` and `system`). */
  grants: RoleGrant[];
  /** What the scope rule loaded for the target. */
  resource: R;
  now: Date;
}

export interface ActionDefinition<S extends z.ZodType, R, O> {
  input: S;
  access: Access<z.output<S>, R>;
  handler: (input: z.output<S>, ctx: ActionContext<R>) => Promise<O>;
}

/** Declares an action: its input schema (from types/), who may call it and where, and what it does. */
export function defineAction<S extends z.ZodType, O, R = undefined>(
  definition: ActionDefinition<S, R, O>,
): ActionDefinition<S, R, O> {
  return definition;
}

/**
 * What a function's action table must be for its contract (types/contract/<function>.ts), written
 * `export const actions = { … } satisfies ServerActions<XContract>`: exactly the contract's actions, each with the
 * contract's input schema and a handler whose answer is the contract's output. Who may start it stays declared on
 * the action (tests/functions/access-matrix.test.ts walks it).
 */
export type ServerActions<C extends Record<keyof C, AnyAction>> = {
  // The scope's resource is the action's own business. The handler is named again because the compiler, comparing
  // two ActionDefinitions, takes the schema for covariant and would let a schema that asks for more fields pass.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof C]: ActionDefinition<C[K]['input'], any, C[K]['output']> & {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    handler: (input: z.output<C[K]['input']>, ctx: ActionContext<any>) => Promise<C[K]['output']>;
  };
};

// The table erases each action's own types; they were checked where the action was defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionDefinition<z.ZodType, any, unknown>>;

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time?: string;
  /** The trigger's own argument (附加信息), a JSON object: the action's input. Usually empty. */
  Message?: string;
}

function isTimerEvent(event: unknown): event is TimerEvent {
  const e = event as Partial<TimerEvent> | null;
  return !!e && e.Type === 'Timer' && typeof e.TriggerName === 'string';
}

/** A message-push event (消息推送), e.g. `{ MsgType: 'event', Event: 'wxa_media_check', trace_id, result }`. */
interface PushEvent {
  MsgType: 'event';
  Event: string;
}

function isPushEvent(event: unknown): event is PushEvent {
  const e = event as Partial<PushEvent> | null;
  return !!e && e.MsgType === 'event' && typeof e.Event === 'string';
}

/** A timer's input: its Message as a JSON object, or nothing. */
function timerInput(event: TimerEvent): Record<string, unknown> {
  if (!event.Message) return {};
  try {
    const value: unknown = JSON.parse(event.Message);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Not JSON: refused below like any other input that is not an object.
  }
  throw invalidArgument('定时触发器的附加信息必须是 JSON 对象');
}

async function loadCaller(openid: string): Promise<CallerRecord | null> {
  const record = await byId<CallerRecord>(COLLECTIONS.users, openid);
  return record && !record.deletedAt ? { ...record, roles: record.roles ?? [] } : null;
}

function fail(error: AppError): Envelope<never> {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

function validationError(issues: z.core.$ZodIssue[]): AppError {
  const details = issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return invalidArgument(details[0]?.message ?? DEFAULT_MESSAGES.INVALID_ARGUMENT, details);
}

async function run(table: ActionTable, functionName: string, event: unknown): Promise<unknown> {
  // Before anything walks the event recursively (validation would overflow the stack on a deep enough one).
  if (nestsDeeperThan(event)) throw invalidArgument(TOO_DEEP_MESSAGE);
  const timer = isTimerEvent(event);
  const pushed = isPushEvent(event);
  const {
    action: actionName,
    userInfo: _userInfo,
    ...rest
  } = (timer ? timerInput(event as TimerEvent) : (event ?? {})) as Record<string, unknown>;
  const name = timer ? (event as TimerEvent).TriggerName : pushed ? (event as PushEvent).Event : actionName;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) {
    throw notFound(`没有这个操作：${functionName}.${String(name ?? '')}`);
  }
  const action = table[name];
  const { OPENID } = cloud.getWXContext();
  const openid = typeof OPENID === 'string' ? OPENID : '';

  switch (action.access.kind) {
    case 'system':
      // Only the scheduled trigger may run these: it comes with no user at all.
      if (!timer || openid) throw forbidden();
      break;
    case 'push':
      // WeChat's push comes with no user in the cloud context; a client call always carries its caller's OPENID,
      // whatever its body pretends to be.
      if (!pushed || openid) throw forbidden();
      break;
    default:
      if (timer || pushed) throw forbidden();
      if (!openid) throw unauthenticated();
  }

  const parsed = action.input.safeParse(rest);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const input = parsed.data;

  const caller = openid ? await loadCaller(openid) : null;
  let grants: RoleGrant[] = [];
  let resource: unknown = undefined;
  if (action.access.kind === 'roles') {
    const target = action.access.scope ? await action.access.scope(input, { openid }) : undefined;
    grants = matchingGrants(caller?.roles ?? [], action.access.roles, target);
    if (grants.length === 0) throw forbidden();
    resource = target?.resource;
  }
  return action.handler(input, { openid, caller, grants, resource, now: new Date() });
}

/**
 * The entry point of a cloud function: finds the action, validates its input, identifies the caller from the
 * cloud context (never from the request), checks the declared roles and scope, runs it and answers one envelope.
 */
export function createMain(functionName: string, table: ActionTable) {
  return async function main(event: unknown, _context?: unknown): Promise<Envelope<unknown>> {
    try {
      return { ok: true, data: await run(table, functionName, event) };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      // Unexpected: logged for the operator, never shown to the caller.
      console.error(`[${functionName}] unexpected error`, error);
      return fail(new AppError('INTERNAL'));
    }
  };
}
