import { randomUUID } from 'node:crypto';
import type { Unit, UnitKind } from '@honglin/types/org';
import { extendWordList as extendDataWordList } from '../../../emulator/openapi/content-check';
import { readMediaChecks, type MediaCheckRecord, type OutboxMessage } from '../../../emulator/openapi/records';
import { SECRET_HEADER } from '../../../emulator/http/doors';
import { sdkEnvironment } from '../../../emulator/start';

/**
 * Helpers of the `functions` jest project, talking to the one local cloud its global setup started
 * (HONGLIN_CLOUD_URL, HONGLIN_CLOUD_DATA_DIR). The cloud is shared by every test file: make the ids you
 * write unique (uniqueId, uniqueUnitTree) so tests never see each other's data by accident.
 */

export type WxServerSdk = typeof import('wx-server-sdk');
export type SdkDatabase = ReturnType<WxServerSdk['database']>;

export function cloudUrl(): string {
  const url = process.env.HONGLIN_CLOUD_URL;
  if (!url)
    throw new Error(
      'HONGLIN_CLOUD_URL is not set: run these tests in the jest project "functions" (its global setup starts the local cloud)',
    );
  return url;
}

/** The secret of this start of the shared cloud: /admin and /__timer answer only callers holding it. */
export function cloudSecret(): string {
  const secret = process.env.HONGLIN_CLOUD_SECRET;
  if (!secret) throw new Error('HONGLIN_CLOUD_SECRET is not set: run these tests in the jest project "functions"');
  return secret;
}

function dataDir(): string {
  const dir = process.env.HONGLIN_CLOUD_DATA_DIR;
  if (!dir) throw new Error('HONGLIN_CLOUD_DATA_DIR is not set: run these tests in the jest project "functions"');
  return dir;
}

/** The failure of an invocation itself (timeout, crash, no such function), as the gateway reports it. */
export class InvocationError extends Error {
  constructor(
    readonly status: number,
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`invocation failed (HTTP ${status}, ${errCode}): ${errMsg}`);
  }
}

/**
 * Calls a function as a user (their OPENID in the cloud context), through the dev gateway exactly as the
 * H5 client does, and answers the function's return value. An empty openid is a caller with no OPENID.
 */
export async function callAs<T = unknown>(openid: string, fn: string, data: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${cloudUrl()}/api/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    body: JSON.stringify(data),
  });
  const body = (await res.json()) as T & { errCode?: number; errMsg?: string };
  if (res.status !== 200) throw new InvocationError(res.status, body.errCode ?? 0, body.errMsg ?? '');
  return body;
}

/** Fires a function's timer trigger now, as the cloud does: the timer event and no OPENID. */
export async function fireTimer<T = unknown>(fn: string, trigger: string): Promise<T> {
  const res = await fetch(`${cloudUrl()}/__timer/${encodeURIComponent(fn)}/${encodeURIComponent(trigger)}`, {
    method: 'POST',
    headers: { [SECRET_HEADER]: cloudSecret() },
  });
  const body = (await res.json()) as T & { errCode?: number; errMsg?: string };
  if (res.status !== 200) throw new InvocationError(res.status, body.errCode ?? 0, body.errMsg ?? '');
  return body;
}

/** Every subscribe message sent so far, oldest first; filter by touser for your test's users. */
export async function outbox(touser?: string): Promise<OutboxMessage[]> {
  const messages = (await (await fetch(`${cloudUrl()}/__outbox?format=json`)).json()) as OutboxMessage[];
  return touser === undefined ? messages : messages.filter((m) => m.touser === touser);
}

/** Every image check asked for so far (security.mediaCheckAsync), with the verdict the word list gave. */
export function mediaChecks(): MediaCheckRecord[] {
  return readMediaChecks(dataDir());
}

/** Adds words to the shared cloud's content-check list (use words unique to your test). */
export function extendWordList(entries: { word: string; label: number; suggest?: 'risky' | 'review' }[]): void {
  extendDataWordList(dataDir(), entries);
}

let sdk: WxServerSdk | null = null;

/** The real wx-server-sdk pointed at the shared cloud as an admin script (no caller), for arranging and inspecting data. */
export function testSdk(): WxServerSdk {
  if (!sdk) {
    Object.assign(process.env, sdkEnvironment({ adminUrl: `${cloudUrl()}/admin`, secret: cloudSecret() }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sdk = require('wx-server-sdk') as WxServerSdk;
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  }
  return sdk;
}

/** A database handle of the real SDK on the shared cloud. */
export function testDb(): SdkDatabase {
  return testSdk().database();
}

/** An id no other test uses: `<prefix>-<random>`. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export type UnitTree = Record<UnitKind, Unit>;

/**
 * Writes a fresh unit tree of its own (town → village → block → group → neighbourhood, unique ids), so
 * a test's scope rules never meet another test's data.
 */
export async function uniqueUnitTree(name = '测试'): Promise<UnitTree> {
  const kinds: UnitKind[] = ['town', 'village', 'block', 'group', 'neighbourhood'];
  const names: Record<UnitKind, string> = { town: '镇', village: '村', block: '片', group: '组', neighbourhood: '邻' };
  const tree = {} as UnitTree;
  let parent: Unit | null = null;
  for (const kind of kinds) {
    const _id = uniqueId(`unit-${kind}`);
    const unit: Unit = {
      _id,
      kind,
      name: `${name}${names[kind]}`,
      parentId: parent?._id ?? null,
      path: [...(parent?.path ?? []), _id],
      order: 1,
    };
    await testDb()
      .collection('units')
      .add({ data: { ...unit } });
    tree[kind] = unit;
    parent = unit;
  }
  return tree;
}
