import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openDatabase, type LocalDatabase } from './db';
import { readFunctionConfig, timeLimitScaleOf } from './functions/config';
import { FunctionRuntime, type Caller, type InvocationOutcome } from './functions/runtime';
import { fireTimer } from './functions/timer';
import { answerInvokeFunction, sendInvocation } from './functions/wire';
import { createGateway } from './gateway';
import { doorRefusal, newCloudSecret } from './http/doors';
import { readBody, readJson, sendBytes, sendJson } from './http/io';
import { multipartBoundary, parseMultipart } from './http/multipart';
import { LocalOpenApi } from './openapi';
import { BUILTIN_WORDLIST, WordList, dataWordListFile } from './openapi/content-check';
import { mediaCheckPushEvent, readMessagePushConfig, type MessagePushConfig } from './openapi/push';
import { LocalStorage } from './storage';

export interface LocalCloudOptions {
  /** Folder holding the SQLite store, stored files, the outbox and the media-check log. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1; anything else is refused. */
  host?: string;
  /** The collections declaration; defaults to the repository's. */
  declarationFile?: string;
  /** Built function bundles, `<dir>/<name>/{index.js,config.json}`; defaults to dist/cloudfunctions. */
  functionsDir?: string;
  /** Instances per function (invocations beyond wait); default 4. */
  maxInstancesPerFunction?: number;
  /** Serve the dev gateway (H5 build, /api, personas, outbox) on the same port; default false. */
  gateway?: boolean;
  /** The H5 build the gateway serves; defaults to dist/h5. */
  h5Dir?: string;
  /**
   * Where message pushes go (the media-check verdict, event wxa_media_check); defaults to
   * config/honglin.json `messagePush`; null for none. A push asked for inside an invocation is
   * delivered when that invocation ends, before its caller gets the answer.
   */
  messagePush?: MessagePushConfig | null;
  /** Multiplies every function's time limit; defaults to HONGLIN_TIME_LIMIT_SCALE (set by the test setups only), else 1. */
  timeLimitScale?: number;
}

export interface LocalCloud {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The base URL the SDK is pointed at (TCB_CONTEXT_CNFG.URL). */
  adminUrl: string;
  /**
   * This start's secret: /admin and /__timer/* answer only callers holding it. sdkEnvironment hands it to the
   * SDK as TENCENTCLOUD_SECRETID (which signs every request with it); tools send it in SECRET_HEADER.
   */
  secret: string;
  port: number;
  dataDir: string;
  db: LocalDatabase;
  functions: FunctionRuntime;
  storage: LocalStorage;
  /** Invokes a function as a caller, as the gateway does. */
  invoke(name: string, event: unknown, caller?: Caller): Promise<InvocationOutcome>;
  /** Resolves when message pushes started outside any invocation have been delivered. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_DECLARATION = path.join(REPO_ROOT, 'cloudfunctions', 'database.json');
export const DEFAULT_FUNCTIONS_DIR = path.join(REPO_ROOT, 'dist', 'cloudfunctions');
export const DEFAULT_H5_DIR = path.join(REPO_ROOT, 'dist', 'h5');
export const DEFAULT_APP_CONFIG = path.join(REPO_ROOT, 'config', 'honglin.json');
/** The environment id of the local cloud (TCB_ENV; the env of every request and file id). */
export const LOCAL_ENV = 'local';
export const DEFAULT_MAX_INSTANCES = 4;
/** The mini-program's appid in the local cloud. */
export const WX_APPID = 'wx-local-app';

const LOOPBACK_HOSTS: Record<string, string> = { '127.0.0.1': '127.0.0.1', localhost: '127.0.0.1', '::1': '::1' };

/** The address to bind for a requested host; throws for anything but loopback. */
export function loopbackAddress(host: string): string {
  const address = LOOPBACK_HOSTS[host];
  if (!address) {
    throw new Error(
      `The local cloud binds to loopback only (127.0.0.1); refusing host "${host}". 本地云只允许监听本机回环地址，不能对外开放。`,
    );
  }
  return address;
}

/**
 * Starts the local cloud on loopback: the cloud-development wire protocol under /admin (database,
 * functions, storage, open APIs), upload and temporary-URL routes, the timer endpoint, and the dev
 * gateway when asked.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const address = loopbackAddress(options.host ?? '127.0.0.1');
  const db = openDatabase({
    dataDir: options.dataDir,
    declarationFile: options.declarationFile ?? DEFAULT_DECLARATION,
  });

  let url = '';
  let port = 0;
  const adminUrl = (): string => `${url}/admin`;
  const secret = newCloudSecret();
  const functions = new FunctionRuntime({
    functionsDir: options.functionsDir ?? DEFAULT_FUNCTIONS_DIR,
    maxInstances: options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES,
    timeLimitScale: options.timeLimitScale ?? timeLimitScaleOf(),
    environmentFor: (caller, sessionToken) =>
      sdkEnvironment({ adminUrl: adminUrl(), secret }, { ...caller, sessionToken }),
  });
  const storage = new LocalStorage({ dataDir: options.dataDir, envName: LOCAL_ENV, baseUrl: () => url });
  const messagePush =
    options.messagePush === undefined ? readMessagePushConfig(DEFAULT_APP_CONFIG) : options.messagePush;
  const background = new Set<Promise<void>>();
  const openApi = new LocalOpenApi({
    dataDir: options.dataDir,
    wordList: new WordList([BUILTIN_WORDLIST, dataWordListFile(options.dataDir)]),
    allowed(apiName, sessionToken) {
      const fn = functions.functionOfSession(sessionToken);
      return fn === undefined || readFunctionConfig(functions.functionsDir, fn).openapi.includes(apiName);
    },
    onMediaCheck(record, sessionToken) {
      if (!messagePush || !messagePush.events.includes('wxa_media_check')) return;
      const deliver = async (): Promise<void> => {
        const outcome = await functions.invoke(messagePush.function, mediaCheckPushEvent(record, WX_APPID), {});
        if (!outcome.ok)
          console.error(
            `[local cloud] message push wxa_media_check to ${messagePush.function} failed: ${outcome.message}`,
          );
      };
      if (functions.defer(sessionToken, deliver)) return;
      const delivery = deliver().finally(() => background.delete(delivery));
      background.add(delivery);
    },
  });
  const gateway = options.gateway
    ? createGateway({
        h5Dir: options.h5Dir ?? DEFAULT_H5_DIR,
        dataDir: options.dataDir,
        runtime: functions,
        storage,
        db,
      })
    : null;

  const answerAdmin = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const boundary = multipartBoundary(req.headers['content-type']);
    if (boundary) {
      const parts = parseMultipart(await readBody(req), boundary);
      const field = (name: string): Buffer | undefined => parts.find((p) => p.name === name)?.data;
      const action = field('action')?.toString('utf8');
      if (action !== 'wx.openApi') {
        sendJson(res, {
          code: 'INVALID_ACTION',
          message: `action ${String(action)} is not supported by the local cloud`,
        });
        return;
      }
      const answer = await openApi.handle(
        field('apiName')?.toString('utf8') ?? '',
        field('requestData') ?? Buffer.alloc(0),
        field('tcb_sessionToken')?.toString('utf8') ?? '',
      );
      sendBytes(res, answer, 'application/octet-stream');
      return;
    }
    const body = await readJson(req);
    const action = String(body.action ?? '');
    if (action.startsWith('database.')) sendJson(res, await db.handle(body));
    else if (action === 'functions.invokeFunction') sendJson(res, await answerInvokeFunction(functions, body));
    else if (action.startsWith('storage.')) sendJson(res, storage.handle(body));
    else sendJson(res, { code: 'INVALID_ACTION', message: `action ${action} is not supported by the local cloud` });
  };

  const server = http.createServer(async (req, res) => {
    try {
      const requestUrl = new URL(req.url ?? '/', url || 'http://127.0.0.1');
      const refused = doorRefusal(req, requestUrl.pathname, { port, secret, gateway: !!gateway });
      if (refused) {
        req.resume();
        sendJson(res, { errCode: -501007, errMsg: refused.message }, refused.status);
        return;
      }
      if (req.method === 'POST' && requestUrl.pathname === '/admin') {
        await answerAdmin(req, res);
        return;
      }
      if (await storage.route(req, res, requestUrl)) return;
      const timer = /^\/__timer\/([^/]+)\/([^/]+)$/.exec(requestUrl.pathname);
      if (req.method === 'POST' && timer) {
        const outcome = fireTimer(functions, decodeURIComponent(timer[1]), decodeURIComponent(timer[2]));
        if (!outcome)
          sendJson(res, { errCode: -501000, errMsg: `no timer trigger ${timer[2]} on function ${timer[1]}` }, 404);
        else sendInvocation(res, await outcome);
        return;
      }
      if (gateway && (await gateway(req, res, requestUrl))) return;
      res.writeHead(404).end();
    } catch (e) {
      if (!res.headersSent) sendJson(res, { code: 'SYS_ERR', message: (e as Error).message });
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, address, resolve);
    });
  } catch (e) {
    db.close();
    throw e;
  }
  port = (server.address() as AddressInfo).port;
  url = `http://${address === '::1' ? '[::1]' : address}:${port}`;
  return {
    url,
    adminUrl: adminUrl(),
    secret,
    port,
    dataDir: options.dataDir,
    db,
    functions,
    storage,
    invoke: (name, event, caller = {}) => functions.invoke(name, event, caller),
    async settled() {
      await Promise.all([...background]);
    },
    async stop() {
      await Promise.all([...background]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await functions.close();
      db.close();
    },
  };
}

/**
 * The environment that points the real wx-server-sdk at this local cloud (TCB_WIRE.md): the same
 * variables the cloud sets, with this start's secret as the SecretId the SDK signs with (the key is a dummy), the
 * caller's identity, and the session token of the invocation (sent back by the SDK as tcb_sessionToken, so a nested callFunction keeps the caller).
 */
export function sdkEnvironment(
  cloud: Pick<LocalCloud, 'adminUrl' | 'secret'>,
  caller: { openid?: string; appid?: string; unionid?: string; sessionToken?: string } = {},
): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: cloud.adminUrl }),
    TENCENTCLOUD_SECRETID: cloud.secret,
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-session',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_ENV: LOCAL_ENV,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SESSIONTOKEN',
    TCB_SESSIONTOKEN: caller.sessionToken ?? '',
    SCF_NAMESPACE: LOCAL_ENV,
    SILENCE: 'true',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: caller.openid ?? '',
    WX_APPID: caller.appid ?? WX_APPID,
    WX_UNIONID: caller.unionid ?? '',
  };
}
