/**
 * The one way the app talks to the cloud functions.
 *
 * `callCloud<T>(fn, action, data)` calls cloud function `fn` with `{ ...data, action }`: through
 * `Taro.cloud.callFunction` in the weapp, through `POST /api/<fn>` on the dev gateway in the H5 build.
 * Every outcome becomes an `Envelope<T>` (types/envelope.ts): the function's own answer when it is a
 * well-formed envelope, `NETWORK` when the cloud could not be reached, `INTERNAL` for anything else
 * (failed invocation, HTTP error, malformed answer). It never throws, so pages never catch; they show
 * `error.message` (always Chinese) through PageShell.
 *
 * Pages do not call `callCloud` with strings. Each cloud function gets one file, src/api/<function>.ts,
 * exporting one typed function per action, with input and output types from `@honglin/types/<domain>`:
 *
 *   import type { AcceptRequestInput, RequestDetail } from '@honglin/types/request';
 *   export const requestApi = {
 *     accept: (input: AcceptRequestInput) => callCloud<RequestDetail>('request', 'accept', input),
 *   };
 *
 * Pages then load with `useQuery(() => requestApi.get({ id }), [id])` and render through PageShell.
 */
// Taro.cloud exists in the weapp only; cross-platform APIs are named imports (the H5 runtime has no others).
import Taro, { getNetworkType } from '@tarojs/taro';
import {
  DEFAULT_MESSAGES,
  mayRetry,
  readEnvelope,
  type ApiError,
  type Envelope,
  type ErrorCode,
} from '@honglin/types/envelope';

/** A failure envelope carrying the default Chinese message of `code`. */
export function failure(code: ErrorCode): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message: DEFAULT_MESSAGES[code] } };
}

/** Checks a function's answer: a well-formed envelope passes (with a default message if it has none), anything else is INTERNAL. */
export function toEnvelope<T>(answer: unknown): Envelope<T> {
  const envelope = readEnvelope(answer);
  if (!envelope) return failure('INTERNAL');
  if (envelope.ok) return { ok: true, data: envelope.data as T };
  const { code, message, details } = envelope.error;
  return {
    ok: false,
    error: { code, message: message || DEFAULT_MESSAGES[code], ...(details === undefined ? {} : { details }) },
  };
}

/** What the dev gateway gave back: its JSON answer, or why there is none. */
type GatewayReply = { answer: unknown } | { failed: ErrorCode };

/** POSTs to the dev gateway of the H5 build (HONGLIN_API_BASE, '' = the page's own origin). */
async function postToGateway(
  path: string,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<GatewayReply> {
  let response: Response;
  try {
    response = await fetch(`${HONGLIN_API_BASE}/api/${path}`, { method: 'POST', body, headers });
  } catch {
    return { failed: 'NETWORK' };
  }
  // The gateway answers 502 when the invocation itself failed (crash, timeout): the function never answered.
  if (!response.ok) return { failed: 'INTERNAL' };
  try {
    return { answer: await response.json() };
  } catch {
    return { failed: 'INTERNAL' };
  }
}

/** In the weapp a failed call does not say whether the network was down; ask the device. */
async function weappFailure(): Promise<{ ok: false; error: ApiError }> {
  try {
    const { networkType } = await getNetworkType();
    return failure(networkType === 'none' ? 'NETWORK' : 'INTERNAL');
  } catch {
    return failure('INTERNAL');
  }
}

/** How many times a call is made in all while the function answers that it may be made again (mayRetry). */
const CALL_ATTEMPTS = 3;

/**
 * Calls an action. A CONFLICT that says nothing was written (a crowd writing one record at once) is made again
 * after a short random pause, at most CALL_ATTEMPTS times in all; every other answer is returned as it is.
 */
export async function callCloud<T>(fn: string, action: string, data: object): Promise<Envelope<T>> {
  let answer = await callOnce<T>(fn, action, data);
  for (let attempt = 1; attempt < CALL_ATTEMPTS && !answer.ok && mayRetry(answer.error); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
    answer = await callOnce<T>(fn, action, data);
  }
  return answer;
}

/**
 * One call, by the platform's way. The platform is picked here, outside the async functions: inside one, the
 * compiled state machine keeps both platforms' paths, and the weapp package carried the H5 one (and H5 the weapp's).
 */
const callOnce: <T>(fn: string, action: string, data: object) => Promise<Envelope<T>> =
  process.env.TARO_ENV === 'h5' ? callGateway : callWeapp;

async function callGateway<T>(fn: string, action: string, data: object): Promise<Envelope<T>> {
  const reply = await postToGateway(fn, JSON.stringify({ ...data, action }), { 'content-type': 'application/json' });
  return 'failed' in reply ? failure(reply.failed) : toEnvelope<T>(reply.answer);
}

async function callWeapp<T>(fn: string, action: string, data: object): Promise<Envelope<T>> {
  try {
    const { result } = await Taro.cloud.callFunction({ name: fn, data: { ...data, action } });
    return toEnvelope<T>(result);
  } catch {
    return weappFailure();
  }
}

/**
 * Uploads a picture chosen on the device (a temp path in the weapp, a blob: URL in H5) to `cloudPath`
 * in cloud storage and gives its cloud:// file id.
 */
export const uploadImage: (localPath: string, cloudPath: string) => Promise<Envelope<{ fileID: string }>> =
  process.env.TARO_ENV === 'h5' ? uploadToGateway : uploadToCloud;

async function uploadToGateway(localPath: string, cloudPath: string): Promise<Envelope<{ fileID: string }>> {
  let file: Blob;
  try {
    file = await (await fetch(localPath)).blob();
  } catch {
    return failure('INTERNAL');
  }
  const form = new FormData();
  form.append('cloudPath', cloudPath);
  form.append('file', file, cloudPath.split('/').pop());
  const reply = await postToGateway('__upload', form);
  if ('failed' in reply) return failure(reply.failed);
  const { fileID } = (reply.answer ?? {}) as { fileID?: unknown };
  // The gateway's own answer; the id is checked again by whichever action it is given to.
  return typeof fileID === 'string' && fileID.startsWith('cloud://')
    ? { ok: true, data: { fileID } }
    : failure('INTERNAL');
}

async function uploadToCloud(localPath: string, cloudPath: string): Promise<Envelope<{ fileID: string }>> {
  try {
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath });
    return { ok: true, data: { fileID } };
  } catch {
    return weappFailure();
  }
}

/**
 * Fetches a stored file (weapp) by its cloud:// id to a temporary path on the phone: through the cloud itself, so
 * no download domain has to be configured and the cloud's own access rules apply.
 */
export async function downloadStoredFile(fileID: string): Promise<Envelope<{ tempFilePath: string }>> {
  try {
    const { tempFilePath } = await Taro.cloud.downloadFile({ fileID });
    return { ok: true, data: { tempFilePath } };
  } catch {
    return weappFailure();
  }
}

/** Where an <Image> finds a stored file: the cloud:// id itself in the weapp, the gateway's file route in H5. */
export function imageUrl(fileID: string): string {
  if (process.env.TARO_ENV === 'h5') {
    return `${HONGLIN_API_BASE}/api/__file?fileID=${encodeURIComponent(fileID)}`;
  }
  return fileID;
}
