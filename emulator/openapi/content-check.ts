import fs from 'node:fs';
import path from 'node:path';

export type Suggest = 'pass' | 'review' | 'risky';

export interface WordEntry {
  word: string;
  label: number;
  suggest: Exclude<Suggest, 'pass'>;
}

export interface ContentVerdict {
  suggest: Suggest;
  /** 100 when nothing matched. */
  label: number;
  hits: WordEntry[];
}

/** The repository's word list; `<dataDir>/wordlist.txt` extends it. */
export const BUILTIN_WORDLIST = path.join(__dirname, '..', 'wordlist.txt');
export const NORMAL_LABEL = 100;

export function dataWordListFile(dataDir: string): string {
  return path.join(dataDir, 'wordlist.txt');
}

export function parseWordList(text: string): WordEntry[] {
  const entries: WordEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [word, label, suggest] = trimmed.split(/\s+/);
    entries.push({ word, label: Number(label) || 21000, suggest: suggest === 'review' ? 'review' : 'risky' });
  }
  return entries;
}

/** Adds entries to a data folder's word list (tests call this; the local cloud reads it on the next check). */
export function extendWordList(
  dataDir: string,
  entries: { word: string; label: number; suggest?: 'risky' | 'review' }[],
): void {
  const lines = entries.map((e) => `${e.word} ${e.label} ${e.suggest ?? 'risky'}\n`).join('');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.appendFileSync(dataWordListFile(dataDir), lines);
}

/** The word lists in force, re-read when a file changes. */
export class WordList {
  private cache = new Map<string, { stamp: string; entries: WordEntry[] }>();

  constructor(private readonly files: string[]) {}

  entries(): WordEntry[] {
    return this.files.flatMap((file) => this.read(file));
  }

  /** The worst match in the text: risky over review over pass. */
  check(text: string): ContentVerdict {
    const hits = this.entries().filter((e) => e.word && text.includes(e.word));
    const worst = hits.find((h) => h.suggest === 'risky') ?? hits.find((h) => h.suggest === 'review');
    return worst
      ? { suggest: worst.suggest, label: worst.label, hits }
      : { suggest: 'pass', label: NORMAL_LABEL, hits };
  }

  private read(file: string): WordEntry[] {
    if (!fs.existsSync(file)) return [];
    const { mtimeMs, size } = fs.statSync(file);
    const stamp = `${mtimeMs}:${size}`;
    const cached = this.cache.get(file);
    if (cached && cached.stamp === stamp) return cached.entries;
    const entries = parseWordList(fs.readFileSync(file, 'utf8'));
    this.cache.set(file, { stamp, entries });
    return entries;
  }
}
