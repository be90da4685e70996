import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

function chunk(name: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(name, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A QR code as an 8-bit greyscale PNG, `width` pixels square with a quiet zone of `margin` modules (the geometry
 * of the qrcode package's own PNG). Written row by row (each module row once, then copied) rather than through pngjs, whose per-pixel
 * filtering runs some fifty times slower inside a jest test's VM, where the functions tests run this local cloud:
 * seconds for each code.
 */
export function qrPng(text: string, width: number, margin: number): Buffer {
  const { modules } = QRCode.create(text);
  const scale = width / (modules.size + margin * 2);
  const quiet = margin * scale;
  /** The module a pixel shows, as the qrcode package maps it; -1 in the quiet zone. */
  const moduleOf = (pixel: number) => {
    const m = Math.floor((pixel - quiet) / scale);
    return pixel < quiet || m >= modules.size ? -1 : m;
  };
  const stride = width + 1; // a filter byte (0: none) before each row
  const raw = Buffer.alloc(stride * width, 0xff);
  let previousRow = -2;
  for (let y = 0; y < width; y += 1) {
    const row = moduleOf(y);
    const at = y * stride;
    if (row === previousRow) {
      raw.copy(raw, at, at - stride, at);
      continue;
    }
    previousRow = row;
    raw[at] = 0;
    if (row < 0) continue;
    for (let x = 0; x < width; x += 1) {
      const col = moduleOf(x);
      if (col >= 0 && modules.get(row, col)) raw[at + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
