import { inflateRawSync } from 'node:zlib';

/**
 * A minimal zip reader (stored and deflated entries), enough to open an .xlsx from Excel or WPS. It reads the
 * central directory, so entries written with data descriptors (sizes after the data) are found too.
 */
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The largest file one entry may inflate to: a roster sheet is a few MB at most; more is a zip bomb. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export class ZipFormatError extends Error {}

function endOfDirectory(file: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let at = file.length - 22; at >= Math.max(0, file.length - 22 - 65_535); at -= 1) {
    if (file.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipFormatError('not a zip file');
}

/** Every entry's name and its bytes (names decoded as UTF-8, as Excel and WPS write them). */
export function unzip(file: Buffer): Map<string, Buffer> {
  const end = endOfDirectory(file);
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new ZipFormatError('broken directory');
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localAt = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (size > MAX_ENTRY_BYTES) throw new ZipFormatError('entry too large');
    if (localAt + 30 > file.length || file.readUInt32LE(localAt) !== LOCAL_HEADER)
      throw new ZipFormatError('broken entry');
    const dataAt = localAt + 30 + file.readUInt16LE(localAt + 26) + file.readUInt16LE(localAt + 28);
    const raw = file.subarray(dataAt, dataAt + compressedSize);
    if (method === 0) entries.set(name, raw);
    else if (method === 8) entries.set(name, inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES }));
    else throw new ZipFormatError(`compression method ${method}`);
  }
  return entries;
}
