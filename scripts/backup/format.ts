/**
 * The backup format: one folder per backup, one JSON-lines file per collection (`<name>.jsonl`, one
 * document per line in canonical Extended JSON, so dates stay dates and numbers keep their kind) and a
 * manifest.json saying where and when it was taken and how many documents each file holds.
 */
import { EJSON } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import { shanghai } from '../../types/time';

export const BACKUP_FORMAT = 'honglin-backup/1';
export const MANIFEST_FILE = 'manifest.json';

export type Doc = Record<string, unknown>;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** `local` (a local cloud's data folder) or `cloud:<environment id>`. */
  source: string;
  takenAt: string;
  collections: { name: string; file: string; count: number }[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * SDK values as plain data: dates stay dates; the SDK's geo objects (db.Geo.Point, ...) become the
 * GeoJSON they are stored as (their toJSON), which the SDK turns back into geo objects when read.
 */
export function plain(value: unknown): unknown {
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (!isPlainObject(value)) {
    const toJSON = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') return plain(toJSON.call(value));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

export function encodeLine(doc: Doc): string {
  return EJSON.stringify(plain(doc), { relaxed: false });
}

export function decodeLine(line: string): Doc {
  const value: unknown = EJSON.parse(line, { relaxed: true });
  if (!isPlainObject(value)) throw new Error('a backup line must hold one document');
  return value;
}

/** `2026-11-28_214501`: the moment in the town's time, sortable, safe as a folder name. */
export function backupFolderName(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD_HHmmss');
}

export function writeManifest(folder: string, manifest: BackupManifest): void {
  fs.writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(folder: string): BackupManifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(file))
    throw new Error(`${folder} 里没有 ${MANIFEST_FILE}：这不是 npm run backup 生成的备份文件夹`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new Error(`${file} 的格式是“${String(manifest.format)}”，这里只认 ${BACKUP_FORMAT}`);
  return manifest;
}

/** Reads a collection's file line by line (documents one at a time, whatever the file's size). */
export async function* readDocuments(file: string): AsyncGenerator<Doc> {
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield decodeLine(line);
}
