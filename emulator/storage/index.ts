import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { contentTypeOf, readBody, sendBytes, sendText } from '../http/io';

export interface LocalStorageOptions {
  /** Files live under `<dataDir>/storage/<bucket>/<cloudPath>`. */
  dataDir: string;
  envName: string;
  /** http://127.0.0.1:PORT of the local cloud, for upload and temporary URLs. */
  baseUrl(): string;
}

/** The route prefix of uploads and temporary URLs. */
export const STORAGE_ROUTE = '/__storage/';
/** How long an upload URL from storage.getUploadMetadata stays valid. */
const UPLOAD_URL_TTL_MS = 10 * 60 * 1000;
const DEFAULT_MAX_AGE_SECONDS = 2 * 60 * 60;

/**
 * Cloud storage on the local disk, through the same flow the SDK uses against the cloud:
 * storage.getUploadMetadata then a PUT to the signed URL, storage.batchGetDownloadUrl answering
 * temporary URLs this server serves, storage.batchDeleteFile. File ids are `cloud://<env>.<bucket>/<path>`.
 */
export class LocalStorage {
  readonly bucket: string;
  private readonly root: string;
  private readonly signingKey = randomBytes(32);
  private readonly pendingUploads = new Map<string, { cloudPath: string; expiresAt: number }>();

  constructor(private readonly options: LocalStorageOptions) {
    this.bucket = `${options.envName}-storage`;
    this.root = path.join(options.dataDir, 'storage', this.bucket);
    fs.mkdirSync(this.root, { recursive: true });
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envName}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path of one of our file ids, or null for anything else. */
  cloudPathOf(fileId: string): string | null {
    const prefix = `cloud://${this.options.envName}.${this.bucket}/`;
    if (!fileId.startsWith(prefix)) return null;
    return normaliseCloudPath(fileId.slice(prefix.length));
  }

  /** Stores a file directly (the gateway's upload); answers its file id. */
  put(cloudPath: string, content: Buffer): string {
    const clean = normaliseCloudPath(cloudPath);
    if (!clean) throw new Error(`invalid cloud path: ${cloudPath}`);
    const file = this.diskPath(clean);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
    return this.fileIdOf(clean);
  }

  read(fileId: string): { data: Buffer; contentType: string } | null {
    const cloudPath = this.cloudPathOf(fileId);
    if (!cloudPath) return null;
    const file = this.diskPath(cloudPath);
    if (!fs.existsSync(file)) return null;
    return { data: fs.readFileSync(file), contentType: contentTypeOf(cloudPath) };
  }

  /** Answers one `storage.*` wire action. */
  handle(body: Record<string, unknown>): Record<string, unknown> {
    const requestId = randomUUID();
    switch (body.action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(body, requestId);
      case 'storage.batchGetDownloadUrl':
        return this.downloadUrls(body, requestId);
      case 'storage.batchDeleteFile':
        return this.deleteFiles(body, requestId);
      default:
        return {
          code: 'INVALID_ACTION',
          message: `action ${String(body.action)} is not supported by the local cloud`,
          requestId,
        };
    }
  }

  /** Serves the upload PUT and temporary-URL GETs; false when the request is not for storage. */
  async route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(STORAGE_ROUTE)) return false;
    const rest = url.pathname.slice(STORAGE_ROUTE.length);
    if (req.method === 'PUT' && rest.startsWith('upload/')) {
      const token = rest.slice('upload/'.length);
      const pending = this.pendingUploads.get(token);
      if (!pending || pending.expiresAt < Date.now()) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(cosError('AccessDenied', 'The upload URL is invalid or has expired.'));
        return true;
      }
      this.pendingUploads.delete(token);
      this.put(pending.cloudPath, await readBody(req));
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return true;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && rest.startsWith(`${this.bucket}/`)) {
      const cloudPath = normaliseCloudPath(decodeURIComponent(rest.slice(this.bucket.length + 1)));
      const expires = Number(url.searchParams.get('t'));
      if (!cloudPath || url.searchParams.get('sign') !== this.sign(cloudPath, expires) || expires * 1000 < Date.now()) {
        sendText(res, 403, 'AccessDenied');
        return true;
      }
      const file = this.diskPath(cloudPath);
      if (!fs.existsSync(file)) {
        sendText(res, 404, 'NoSuchKey');
        return true;
      }
      if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-type': contentTypeOf(cloudPath), 'content-length': fs.statSync(file).size });
        res.end();
      } else {
        sendBytes(res, fs.readFileSync(file), contentTypeOf(cloudPath));
      }
      return true;
    }
    return false;
  }

  /** A temporary URL for a stored file (raw path characters: the SDK encodes the URL itself). */
  temporaryUrl(cloudPath: string, maxAgeSeconds: number): string {
    const expires = Math.floor(Date.now() / 1000) + maxAgeSeconds;
    return `${this.options.baseUrl()}${STORAGE_ROUTE}${this.bucket}/${cloudPath}?sign=${this.sign(cloudPath, expires)}&t=${expires}`;
  }

  private uploadMetadata(body: Record<string, unknown>, requestId: string): Record<string, unknown> {
    const cloudPath = typeof body.path === 'string' ? normaliseCloudPath(body.path) : null;
    if (!cloudPath) return { code: 'INVALID_PARAM', message: `invalid cloudPath: ${String(body.path)}`, requestId };
    const token = randomUUID();
    this.pendingUploads.set(token, { cloudPath, expiresAt: Date.now() + UPLOAD_URL_TTL_MS });
    return {
      requestId,
      data: {
        url: `${this.options.baseUrl()}${STORAGE_ROUTE}upload/${token}`,
        token,
        authorization: `q-sign-algorithm=local&q-token=${token}`,
        fileId: this.fileIdOf(cloudPath),
        cosFileId: token,
      },
    };
  }

  private downloadUrls(body: Record<string, unknown>, requestId: string): Record<string, unknown> {
    const list = Array.isArray(body.file_list) ? (body.file_list as { fileid?: unknown; max_age?: unknown }[]) : [];
    const download_list = list.map((item) => {
      const fileID = String(item.fileid ?? '');
      const maxAge = typeof item.max_age === 'number' && item.max_age > 0 ? item.max_age : DEFAULT_MAX_AGE_SECONDS;
      const cloudPath = this.cloudPathOf(fileID);
      if (!cloudPath || !fs.existsSync(this.diskPath(cloudPath))) {
        return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge };
      }
      return { fileID, tempFileURL: this.temporaryUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge };
    });
    return { requestId, data: { download_list } };
  }

  private deleteFiles(body: Record<string, unknown>, requestId: string): Record<string, unknown> {
    const ids = Array.isArray(body.fileid_list) ? body.fileid_list.map(String) : [];
    const delete_list = ids.map((fileID) => {
      const cloudPath = this.cloudPathOf(fileID);
      const file = cloudPath ? this.diskPath(cloudPath) : null;
      if (!file || !fs.existsSync(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
      fs.rmSync(file);
      return { fileID, code: 'SUCCESS' };
    });
    return { requestId, data: { delete_list } };
  }

  private diskPath(cloudPath: string): string {
    return path.join(this.root, ...cloudPath.split('/'));
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.signingKey).update(`${cloudPath}\n${expires}`).digest('hex');
  }
}

/** A relative path of non-empty segments with no `.`/`..`, or null. */
function normaliseCloudPath(cloudPath: string): string | null {
  const segments = cloudPath.replace(/^\/+/, '').split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'))) return null;
  return segments.join('/');
}

function cosError(code: string, message: string): string {
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
}
