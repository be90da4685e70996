import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { TOO_DEEP_MESSAGE, nestsDeeperThan } from '../../types/json';
import type { LocalDatabase } from '../db';
import type { Caller, FunctionRuntime } from '../functions/runtime';
import { sendInvocation } from '../functions/wire';
import { contentTypeOf, escapeHtml, readBody, sendBytes, sendHtml, sendJson, sendText } from '../http/io';
import { multipartBoundary, parseMultipart } from '../http/multipart';
import { readOutbox, type OutboxMessage } from '../openapi/records';
import type { LocalStorage } from '../storage';
import { sendAsset } from './assets';
import { PERSONA_COOKIE, personasPage, readAll, type PersonaUser } from './personas';

export interface GatewayOptions {
  /** The H5 build to serve (hash router: every path but a file is index.html's). */
  h5Dir: string;
  dataDir: string;
  runtime: FunctionRuntime;
  storage: LocalStorage;
  db: LocalDatabase;
}

const CLIENT_RESULT_LIMIT_BYTES = 1024 * 1024;
/** The icon browsers ask for on every page load (the app's red home icon); without it each load logs a 404. */
const FAVICON = path.join(__dirname, 'favicon.png');

/** The persona of a request: the X-Openid header (scripts), else the persona cookie; none is a caller with no OPENID. */
export function personaOf(req: http.IncomingMessage): string {
  const header = req.headers['x-openid'];
  if (typeof header === 'string') return header.trim();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === PERSONA_COOKIE) return decodeURIComponent(pair.slice(eq + 1).trim());
  }
  return '';
}

/**
 * The dev gateway for the H5 build: the app's files, `POST /api/<function>` invoking the function as
 * the current persona, uploads and file display standing in for Taro.cloud, the persona switcher and
 * the outbox. It exists only here; function code knows nothing of it.
 */
export function createGateway(
  options: GatewayOptions,
): (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean> {
  return async (req, res, url) => {
    const p = url.pathname;
    if (req.method === 'POST' && p === '/api/__upload') {
      await upload(req, res, options.storage);
      return true;
    }
    if (req.method === 'GET' && p === '/api/__file') {
      const file = options.storage.read(url.searchParams.get('fileID') ?? '');
      if (file) sendBytes(res, file.data, file.contentType);
      else sendJson(res, { errCode: -503003, errMsg: '文件不存在' }, 404);
      return true;
    }
    if (req.method === 'POST' && p.startsWith('/api/')) {
      await invoke(req, res, options.runtime, decodeURIComponent(p.slice('/api/'.length)));
      return true;
    }
    if (req.method === 'GET' && p === '/__personas') {
      const [users, units] = await Promise.all([
        readAll<PersonaUser>(options.db, 'users'),
        readAll<{ _id: string; name: string }>(options.db, 'units'),
      ]);
      sendHtml(res, personasPage(users, units, personaOf(req)));
      return true;
    }
    if (req.method === 'GET' && p === '/__personas/select') {
      const openid = (url.searchParams.get('openid') ?? '').trim();
      const cookie = openid
        ? `${PERSONA_COOKIE}=${encodeURIComponent(openid)}; Path=/; SameSite=Lax`
        : `${PERSONA_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
      res.writeHead(302, { location: '/', 'set-cookie': cookie });
      res.end();
      return true;
    }
    if (req.method === 'GET' && p === '/__outbox') {
      const messages = readOutbox(options.dataDir);
      if ((req.headers.accept ?? '').includes('text/html') && url.searchParams.get('format') !== 'json')
        sendHtml(res, outboxPage(messages));
      else sendJson(res, messages);
      return true;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && p === '/favicon.ico') {
      sendBytes(res, fs.readFileSync(FAVICON), 'image/png');
      return true;
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, options.h5Dir, p);
    return false;
  };
}

async function invoke(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  runtime: FunctionRuntime,
  name: string,
): Promise<void> {
  let event: unknown;
  try {
    const text = (await readBody(req)).toString('utf8');
    event = text ? JSON.parse(text) : {};
  } catch {
    sendJson(res, { errCode: -501007, errMsg: '请求体不是合法的 JSON' }, 400);
    return;
  }
  // Refused here: handing such a value to an instance would overflow the stack while cloning it.
  if (nestsDeeperThan(event)) {
    sendJson(res, { ok: false, error: { code: 'INVALID_ARGUMENT', message: TOO_DEEP_MESSAGE } }, 400);
    return;
  }
  const openid = personaOf(req);
  const caller: Caller = openid ? { openid } : {};
  const outcome = await runtime.invoke(name, event, caller);
  // The mini-program's wx.cloud.callFunction refuses results over 1 MB; the H5 client gets the same.
  if (outcome.ok && Buffer.byteLength(outcome.responseData) > CLIENT_RESULT_LIMIT_BYTES) {
    sendJson(res, { errCode: -604001, errMsg: 'cloudfunction result size exceed limit (1MB)' }, 502);
    return;
  }
  sendInvocation(res, outcome);
}

async function upload(req: http.IncomingMessage, res: http.ServerResponse, storage: LocalStorage): Promise<void> {
  const boundary = multipartBoundary(req.headers['content-type']);
  if (!boundary) {
    sendJson(res, { errCode: -501007, errMsg: '需要 multipart/form-data 上传' }, 400);
    return;
  }
  const parts = parseMultipart(await readBody(req), boundary);
  const file = parts.find((part) => part.name === 'file');
  const cloudPath = parts.find((part) => part.name === 'cloudPath')?.data.toString('utf8') ?? '';
  if (!file || !cloudPath) {
    sendJson(res, { errCode: -501007, errMsg: '缺少 file 或 cloudPath' }, 400);
    return;
  }
  try {
    sendJson(res, { fileID: storage.put(cloudPath, file.data) });
  } catch {
    sendJson(res, { errCode: -501007, errMsg: 'cloudPath 不合法' }, 400);
  }
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string, urlPath: string): boolean {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  let file = path.resolve(resolvedRoot, relative || 'index.html');
  if (relative.split(/[\\/]/).includes('..') || !file.startsWith(resolvedRoot + path.sep)) {
    sendText(res, 403, 'Forbidden');
    return true;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(relative)) return false;
    file = path.join(resolvedRoot, 'index.html');
    if (!fs.existsSync(file)) {
      sendHtml(
        res,
        '<!doctype html><meta charset="utf-8"><p>还没有 H5 构建。请先运行 <code>npm run build:h5</code>。</p><p><a href="/__personas">切换身份</a></p>',
        404,
      );
      return true;
    }
  }
  sendAsset(req, res, file, contentTypeOf(file));
  return true;
}

function outboxPage(messages: OutboxMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.sentAt)}</td><td>${escapeHtml(m.touser)}</td><td>${escapeHtml(m.templateId)}</td><td>${escapeHtml(m.page ?? '')}</td><td>${Object.entries(
          m.data,
        )
          .map(([k, v]) => `${escapeHtml(k)}：${escapeHtml(String(v?.value ?? ''))}`)
          .join('<br>')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>订阅消息发件箱 · 红邻本地调试</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3em .6em;vertical-align:top}</style></head>
<body><h1>订阅消息发件箱</h1><p>本地云不发送订阅消息，而是记录在这里（共 ${messages.length} 条，最新在前）。<a href="/__outbox?format=json">JSON</a> · <a href="/__personas">切换身份</a></p>
<table><thead><tr><th>时间</th><th>接收人 openid</th><th>模板</th><th>页面</th><th>内容</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
