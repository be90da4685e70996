import { unzip, ZipFormatError } from './unzip';

/**
 * The rows of an uploaded roster: the first worksheet of an .xlsx (Excel, WPS), or a .csv (UTF-8 with or without a
 * BOM, or GB18030 as Excel saves CSV on a Chinese Windows). Each row keeps its number in the file, so a problem is
 * reported at the row the admin sees in their spreadsheet. Cells are trimmed strings; numbers as written.
 */
export interface TableRow {
  /** 1-based, as the spreadsheet numbers it. */
  number: number;
  cells: string[];
}

export class TableFormatError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(parseInt(e.slice(1), 10))
        : ENTITIES[e],
  );
}

/** The text of every <t> inside a fragment (a rich-text string is several runs). */
function textOf(fragment: string): string {
  return [...fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decodeXml(m[1])).join('');
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let index = 0;
  for (const ch of letters) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

function firstSheetPath(files: Map<string, Buffer>): string {
  const book = files.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(book)?.[1];
  const target = rid
    ? (new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${rid}"`).exec(rels)?.[1])
    : undefined;
  if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return 'xl/worksheets/sheet1.xml';
}

function readXlsx(file: Buffer): TableRow[] {
  let files: Map<string, Buffer>;
  try {
    files = unzip(file);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new TableFormatError(error.message);
    throw error;
  }
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => textOf(m[1]),
  );
  const sheet = files.get(firstSheetPath(files))?.toString('utf8');
  if (sheet === undefined) throw new TableFormatError('no worksheet');
  const rows: TableRow[] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const number = Number(/\br="(\d+)"/.exec(row[1])?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const cell of row[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1];
      const body = cell[2] ?? '';
      const ref = /\br="([A-Z]+)\d*"/.exec(attributes)?.[1];
      const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? 'n';
      const value = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
      const text = type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textOf(body) : value;
      cells[ref ? columnIndex(ref) : cells.length] = text.trim();
    }
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
  }
  return rows;
}

function decodeText(file: Buffer): string {
  const body = file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf ? file.subarray(3) : file;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** RFC 4180: commas, quoted cells with "" for a quote, line breaks inside quotes. */
function readCsv(file: Buffer): TableRow[] {
  const text = decodeText(file);
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push({ number: rowLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

const ZIP_MAGIC = 0x04034b50;

/** The rows of the file, blank rows left out. */
export function readTable(file: Buffer): TableRow[] {
  const rows = file.length >= 4 && file.readUInt32LE(0) === ZIP_MAGIC ? readXlsx(file) : readCsv(file);
  return rows.filter((r) => r.cells.some((c) => c !== ''));
}
