import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * The local cloud's own doors. A web page the developer visits can send requests to loopback (a form post,
 * a fetch without a preflight, or a DNS-rebinding name that resolves to 127.0.0.1); these checks keep such a
 * page away from the database, the timers and the functions:
 * - the SDK's wire endpoint (/admin) and the timer endpoint (/__timer/*) need the per-start secret;
 * - every request must name a loopback host in its Host header (defeats DNS rebinding);
 * - the gateway's function calls (/api/<fn>) take only application/json (a cross-site page cannot send that
 *   without a CORS preflight, which the local cloud never grants).
 */

/** The header that carries the per-start secret to the timer endpoint (tools read it from TENCENTCLOUD_SECRETID). */
export const SECRET_HEADER = 'x-local-cloud-secret';

/** A fresh secret for one start of the local cloud. */
export function newCloudSecret(): string {
  return `local-${randomBytes(24).toString('hex')}`;
}

export interface Doors {
  /** The port the cloud listens on (the Host header must name it). */
  port: number;
  /** This start's secret. */
  secret: string;
  /** Whether the dev gateway is served. */
  gateway: boolean;
}

/** Why a request may not come in (HTTP status and a Chinese message), or null. Checked before anything reads it. */
export function doorRefusal(
  req: http.IncomingMessage,
  pathname: string,
  doors: Doors,
): { status: number; message: string } | null {
  if (!loopbackHost(req, doors.port)) return { status: 421, message: 'Host 不是本机回环地址，本地云拒绝了这个请求' };
  if (pathname === '/admin' && !signedWithSecret(req, doors.secret))
    return { status: 401, message: '缺少本次启动的本地云密钥（请用 sdkEnvironment 给出的 TENCENTCLOUD_SECRETID）' };
  if (pathname.startsWith('/__timer/') && !carriesSecret(req, doors.secret))
    return { status: 401, message: `缺少本次启动的本地云密钥（请求头 ${SECRET_HEADER}）` };
  if (doors.gateway && req.method === 'POST' && pathname.startsWith('/api/')) {
    if (foreignOrigin(req, doors.port)) return { status: 403, message: '其他网站的页面不能调用本地云' };
    if (pathname !== '/api/__upload' && !declaredJson(req))
      return { status: 415, message: '请求体必须是 application/json' };
  }
  return null;
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when an SDK request is signed with the per-start secret as its SecretId. wx-server-sdk signs every request
 * (TC3-HMAC-SHA256) with TENCENTCLOUD_SECRETID from its environment and sends it unchanged in the Authorization
 * header: `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/tcb/tc3_request, SignedHeaders=…, Signature=…`.
 */
export function signedWithSecret(req: http.IncomingMessage, secret: string): boolean {
  const credential = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '');
  return !!credential && sameSecret(credential[1], secret);
}

/** True when a tool's request carries the per-start secret in SECRET_HEADER. */
export function carriesSecret(req: http.IncomingMessage, secret: string): boolean {
  const given = req.headers[SECRET_HEADER];
  return typeof given === 'string' && sameSecret(given, secret);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** True when the Host header names loopback with the port the cloud listens on. */
export function loopbackHost(req: http.IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
}

/** True when the body is declared as JSON (`application/json`, any charset). */
export function declaredJson(req: http.IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/**
 * True when a browser says the request comes from another site: an Origin header that is not one of the cloud's
 * own loopback origins. Guards the gateway's upload, which takes multipart (a form any page can post).
 */
export function foreignOrigin(req: http.IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  return !LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}
