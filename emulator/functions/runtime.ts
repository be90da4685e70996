import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { functionEntry, readFunctionConfig } from './config';

/** Who calls a function: what getWXContext() reports inside it. No openid: a timer, an admin script. */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
}

/** The environment one invocation sees, given its caller and the session token that identifies it. */
export type EnvironmentFor = (caller: Caller, sessionToken: string) => Record<string, string>;

export type InvocationFailure =
  /** The function threw, or its instance died. */
  | { ok: false; kind: 'error'; code: 'FUNCTIONS_EXECUTE_FAIL'; message: string }
  | { ok: false; kind: 'timeout'; code: 'FUNCTIONS_EXECUTE_FAIL'; message: string }
  | { ok: false; kind: 'not_found'; code: 'ResourceNotFound.Function'; message: string };

/** `responseData` is the function's return value as JSON text, as `response_data` on the wire. */
export type InvocationOutcome = { ok: true; responseData: string; requestId: string } | InvocationFailure;

/** The second argument of `main(event, context)`, as the cloud passes it. */
export interface InvocationContext {
  callbackWaitsForEmptyEventLoop: boolean;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  request_id: string;
  /** `KEY=value;KEY=value` of the caller's context variables (the older field). */
  environ: string;
  /** The same as a JSON object text (the newer field). */
  environment: string;
  function_version: string;
  function_name: string;
  namespace: string;
}

export interface FunctionRuntimeOptions {
  functionsDir: string;
  /** Instances per function; invocations beyond wait in a queue. */
  maxInstances: number;
  environmentFor: EnvironmentFor;
  /** Multiplies each function's time limit (tests on a busy machine, TIME_LIMIT_SCALE_ENV); default 1. */
  timeLimitScale?: number;
}

export interface RuntimeStats {
  invocations: number;
  coldStarts: number;
  timeouts: number;
}

interface WorkerReply {
  id: string;
  /** Sent when the bundle is loaded and main is about to run: the function's timeout starts here. */
  started?: boolean;
  ok?: boolean;
  result?: string;
  error?: { name: string; message: string; stack: string };
}

interface Job {
  event: unknown;
  caller: Caller;
  resolve(outcome: InvocationOutcome): void;
}

const WORKER_FILE = path.join(__dirname, 'worker.js');
/** How long loading a bundle may take on a cold start (the cloud's initialisation limit is separate from the timeout too). */
const INIT_TIMEOUT_SECONDS = 60;
const IDLE_INSTANCE_MS = 5 * 60 * 1000;
const MEMORY_LIMIT_MB = 256;
/** Context variables copied into `context.environ`; credentials and the service URL stay out. */
const CONTEXT_KEYS = /^(WX_|TCB_ENV$|TCB_CONTEXT_KEYS$|TCB_SESSIONTOKEN$|SCF_NAMESPACE$)/;

/** Instances of one function: warm workers reused, at most `maxInstances`, a FIFO of waiting calls. */
class FunctionPool {
  private idle: Worker[] = [];
  private readonly live = new Set<Worker>();
  /** How many times each instance went back to the pool: an idle timer only reclaims after the latest. */
  private readonly releases = new WeakMap<Worker, number>();
  private readonly queue: Job[] = [];
  private entryMtime: number;

  constructor(
    private readonly name: string,
    private readonly entry: string,
    private readonly runtime: FunctionRuntime,
  ) {
    this.entryMtime = fs.statSync(entry).mtimeMs;
  }

  submit(job: Job): void {
    this.retireIfRebuilt();
    this.queue.push(job);
    this.drain();
  }

  async close(): Promise<void> {
    this.idle = [];
    this.queue.length = 0;
    await Promise.all([...this.live].map((w) => w.terminate()));
    this.live.clear();
  }

  /** A rebuilt bundle is loaded by fresh instances; warm ones holding the old code go away. */
  private retireIfRebuilt(): void {
    const mtime = fs.existsSync(this.entry) ? fs.statSync(this.entry).mtimeMs : this.entryMtime;
    if (mtime === this.entryMtime) return;
    this.entryMtime = mtime;
    for (const w of this.idle) this.retire(w);
    this.idle = [];
  }

  /** Back to the warm pool; an instance left idle for IDLE_INSTANCE_MS is reclaimed, as the cloud does. */
  private release(worker: Worker): void {
    const release = (this.releases.get(worker) ?? 0) + 1;
    this.releases.set(worker, release);
    this.idle.push(worker);
    setTimeout(() => {
      const at = this.idle.indexOf(worker);
      if (at < 0 || this.releases.get(worker) !== release) return;
      this.idle.splice(at, 1);
      this.retire(worker);
    }, IDLE_INSTANCE_MS).unref();
  }

  private drain(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.live.size >= this.runtime.maxInstances) return;
        worker = this.spawn();
      }
      const job = this.queue.shift() as Job;
      this.run(worker, job);
    }
  }

  private spawn(): Worker {
    this.runtime.stats.coldStarts += 1;
    const worker = new Worker(WORKER_FILE, {
      workerData: { entry: this.entry },
      env: this.runtime.baseEnvironment(),
      // The cloud's default instance memory: a function that exhausts it fails alone, not the local cloud.
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
    });
    this.live.add(worker);
    // An instance may also fail between invocations (e.g. a rejection left behind by the last one): it
    // leaves the pool, and its error must not reach the local cloud's own process.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.live.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  private retire(worker: Worker): void {
    this.live.delete(worker);
    void worker.terminate();
  }

  private run(worker: Worker, job: Job): void {
    const { timeout } = readFunctionConfig(this.runtime.functionsDir, this.name);
    const requestId = randomUUID();
    const sessionToken = this.runtime.openSession(job.caller, this.name);
    const env = this.runtime.environmentFor(job.caller, sessionToken);
    const context: InvocationContext = {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: MEMORY_LIMIT_MB,
      time_limit_in_ms: timeout * 1000,
      request_id: requestId,
      environ: Object.entries(env)
        .filter(([k]) => CONTEXT_KEYS.test(k))
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
      environment: JSON.stringify(Object.fromEntries(Object.entries(env).filter(([k]) => CONTEXT_KEYS.test(k)))),
      function_version: '$LATEST',
      function_name: this.name,
      namespace: env.TCB_ENV ?? '',
    };

    let settled = false;
    const finish = (outcome: InvocationOutcome, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) {
        this.release(worker);
      } else {
        this.retire(worker);
      }
      this.drain();
      void this.runtime.closeSession(sessionToken).then(() => job.resolve(outcome));
    };
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== requestId) return;
      if (reply.started) {
        clearTimeout(timer);
        // The cloud's words with the declared limit: the scale only gives a busy test machine longer.
        timer = timeoutAfter(timeout * this.runtime.timeLimitScale, `Invoking task timed out after ${timeout} seconds`);
        return;
      }
      if (reply.ok) {
        finish({ ok: true, responseData: reply.result ?? 'null', requestId }, true);
      } else {
        const error = reply.error ?? { name: 'Error', message: 'unknown error', stack: '' };
        finish(
          {
            ok: false,
            kind: 'error',
            code: 'FUNCTIONS_EXECUTE_FAIL',
            message: error.stack || `${error.name}: ${error.message}`,
          },
          true,
        );
      }
    };
    const onError = (e: Error): void => {
      finish({ ok: false, kind: 'error', code: 'FUNCTIONS_EXECUTE_FAIL', message: e.stack || String(e) }, false);
    };
    const onExit = (code: number): void => {
      finish(
        {
          ok: false,
          kind: 'error',
          code: 'FUNCTIONS_EXECUTE_FAIL',
          message: `the function's instance exited with code ${code}`,
        },
        false,
      );
    };
    const timeoutAfter = (seconds: number, message: string): NodeJS.Timeout =>
      setTimeout(() => {
        this.runtime.stats.timeouts += 1;
        finish({ ok: false, kind: 'timeout', code: 'FUNCTIONS_EXECUTE_FAIL', message }, false);
      }, seconds * 1000);
    let timer = timeoutAfter(INIT_TIMEOUT_SECONDS, `Initialization timed out after ${INIT_TIMEOUT_SECONDS} seconds`);

    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    this.runtime.stats.invocations += 1;
    worker.postMessage({ id: requestId, env, event: job.event, context, clockOffsetMs: this.runtime.clockOffsetMs });
  }
}

/**
 * Runs built function bundles like the cloud: each invocation in its own instance (a worker thread
 * with its own process.env, since getWXContext reads process.env at call time), one invocation per
 * instance at a time, the function's timeout, and a session token per invocation so that a function
 * calling another through the SDK passes its caller on.
 */
export class FunctionRuntime {
  readonly maxInstances: number;
  readonly timeLimitScale: number;
  readonly stats: RuntimeStats = { invocations: 0, coldStarts: 0, timeouts: 0 };
  /** How far the functions' clock is moved from the real one (setClock). */
  clockOffsetMs = 0;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly sessions = new Map<
    string,
    { caller: Caller; functionName: string; deferred: (() => Promise<void>)[] }
  >();

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.maxInstances = options.maxInstances;
    this.timeLimitScale = options.timeLimitScale ?? 1;
  }

  get functionsDir(): string {
    return this.options.functionsDir;
  }

  invoke(name: string, event: unknown, caller: Caller): Promise<InvocationOutcome> {
    const entry = functionEntry(this.options.functionsDir, name);
    if (!entry) {
      return Promise.resolve({
        ok: false,
        kind: 'not_found',
        code: 'ResourceNotFound.Function',
        message: `[ResourceNotFound.Function] 未找到指定的 Function：${name}，请创建后再试。`,
      });
    }
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new FunctionPool(name, entry, this);
      this.pools.set(name, pool);
    }
    const submitted = pool;
    return new Promise((resolve) => submitted.submit({ event, caller, resolve }));
  }

  /**
   * Moves the functions' clock so that "now" reads `at` (and runs on from there); null puts it back. A test of
   * what happens on another day drives this instead of waiting; invocations started after it see the new time.
   */
  setClock(at: Date | null): void {
    this.clockOffsetMs = at ? at.getTime() - Date.now() : 0;
  }

  /** The caller of a running invocation, from the session token its SDK sends (tcb_sessionToken). */
  callerOfSession(token: unknown): Caller | undefined {
    return typeof token === 'string' ? this.sessions.get(token)?.caller : undefined;
  }

  /** The function a running invocation runs, from its session token; undefined for requests from outside any invocation. */
  functionOfSession(token: unknown): string | undefined {
    return typeof token === 'string' ? this.sessions.get(token)?.functionName : undefined;
  }

  environmentFor(caller: Caller, sessionToken: string): Record<string, string> {
    return this.options.environmentFor(caller, sessionToken);
  }

  /** What a fresh instance starts with: the platform's variables and no caller. */
  baseEnvironment(): Record<string, string> {
    const inherited: Record<string, string> = {};
    for (const key of ['PATH', 'HOME', 'LANG', 'TZ']) {
      const value = process.env[key];
      if (value !== undefined) inherited[key] = value;
    }
    return { ...inherited, ...this.options.environmentFor({}, '') };
  }

  openSession(caller: Caller, functionName: string): string {
    const token = `local-session-${randomUUID()}`;
    this.sessions.set(token, { caller, functionName, deferred: [] });
    return token;
  }

  /**
   * Runs a task when the invocation holding the session ends, before its caller gets the answer
   * (e.g. WeChat's later message push of a media check): false when no invocation holds the token.
   */
  defer(token: unknown, task: () => Promise<void>): boolean {
    const session = typeof token === 'string' ? this.sessions.get(token) : undefined;
    if (!session) return false;
    session.deferred.push(task);
    return true;
  }

  /** Ends a session after running what was deferred to its end. */
  async closeSession(token: string): Promise<void> {
    const session = this.sessions.get(token);
    this.sessions.delete(token);
    // A deferred task reports its own failures; one failing must not keep the caller's answer back.
    for (const task of session?.deferred ?? []) await task().catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}
