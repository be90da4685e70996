import fs from 'node:fs';
import path from 'node:path';

/** A subscribe message the local cloud "sent" (订阅消息), as it lands in the outbox. */
export interface OutboxMessage {
  id: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
  sentAt: string;
}

/** A media check the local cloud received (security.mediaCheckAsync) and its verdict. */
export interface MediaCheckRecord {
  traceId: string;
  mediaUrl: string;
  mediaType: number;
  openid: string;
  scene: number;
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  checkedAt: string;
}

/** A mini-program code the local cloud made (wxacode.getUnlimited), with the version it opens. */
export interface QrCodeRecord {
  page: string;
  scene: string;
  /** env_version as asked; WeChat opens the release version when it is absent. */
  envVersion?: string;
  /** check_path as asked; WeChat checks the page against the release version when it is absent. */
  checkPath?: boolean;
  madeAt: string;
}

export const outboxFile = (dataDir: string): string => path.join(dataDir, 'outbox.jsonl');
export const qrCodesFile = (dataDir: string): string => path.join(dataDir, 'qr-codes.jsonl');
export const mediaChecksFile = (dataDir: string): string => path.join(dataDir, 'media-checks.jsonl');

/** Appends one record to a JSON-lines file of the data folder (one synchronous write: no torn lines). */
export function appendRecord(file: string, record: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
}

export function readRecords<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The outbox of a data folder, oldest first. */
export function readOutbox(dataDir: string): OutboxMessage[] {
  return readRecords<OutboxMessage>(outboxFile(dataDir));
}

export function readMediaChecks(dataDir: string): MediaCheckRecord[] {
  return readRecords<MediaCheckRecord>(mediaChecksFile(dataDir));
}

/**
 * While this file exists in the data directory, mediaCheckAsync fails as WeChat does when it cannot take the
 * request (tests of the retry of checks that could not be started).
 */
export const mediaCheckOutageFile = (dataDir: string): string => path.join(dataDir, 'media-check-outage');

export function readQrCodes(dataDir: string): QrCodeRecord[] {
  return readRecords<QrCodeRecord>(qrCodesFile(dataDir));
}
