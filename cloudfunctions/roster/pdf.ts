import { deflateSync, inflateSync } from 'node:zlib';

/**
 * A minimal PDF writer for printed sheets: A4 pages with Chinese text, images (the mini-program codes) and thin
 * lines. Text uses STSong-Light with the UniGB-UCS2-H encoding, one of the standard CJK fonts every PDF reader
 * supplies itself (Acrobat, PDFium in Chrome and WeChat, pdf.js map it to a system 宋体/黑体), so no font is embedded
 * and a page of sixty codes stays a few hundred KB with a function bundle that carries no font at all.
 */

/** A4 in points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 };
export const MM = 72 / 25.4;

interface PdfImage {
  width: number;
  height: number;
  /** A colour space name (/DeviceGray) or array ([/Indexed ...]), as written in the image dictionary. */
  colorSpace: string;
  bitsPerComponent: number;
  filter: 'FlateDecode' | 'DCTDecode';
  /** PNG row predictors the data still carries (a PNG's own compressed rows, passed through). */
  decodeParms?: string;
  data: Buffer;
}

/** Characters outside the font's 16-bit encoding (rare names' Extension B characters) print as 〓, as GB forms do. */
const MISSING = 0x3013;

function hexText(text: string): string {
  let hex = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? MISSING;
    hex += (code > 0xffff ? MISSING : code).toString(16).padStart(4, '0');
  }
  return `<${hex}>`;
}

/** Width of a text in points: CJK full width, ASCII half width (the font's /W below says the same). */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += (ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1;
  return units * size;
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** One page's drawing, in points from the page's top-left corner (PDF itself counts from the bottom-left). */
export class PdfPage {
  readonly ops: string[] = [];
  readonly images = new Set<number>();

  text(x: number, top: number, size: number, text: string): void {
    const y = A4.height - top - size * 0.88;
    this.ops.push(`BT /F1 ${num(size)} Tf ${num(x)} ${num(y)} Td ${hexText(text)} Tj ET`);
  }

  image(index: number, x: number, top: number, width: number, height: number): void {
    this.images.add(index);
    const y = A4.height - top - height;
    this.ops.push(`q ${num(width)} 0 0 ${num(height)} ${num(x)} ${num(y)} cm /Im${index} Do Q`);
  }

  /** A thin grey dashed line: where to cut the sheet into slips. */
  cutLine(x1: number, top1: number, x2: number, top2: number): void {
    const [y1, y2] = [A4.height - top1, A4.height - top2];
    this.ops.push(`q 0.7 G 0.5 w [3 3] 0 d ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
  }
}

export class PdfDocument {
  private readonly imageList: PdfImage[] = [];
  private readonly pages: PdfPage[] = [];

  /** Adds a PNG or JPEG (as wxacode.getUnlimited answers) and answers its index for PdfPage.image. */
  addImage(bytes: Buffer): number {
    this.imageList.push(isJpeg(bytes) ? jpegImage(bytes) : pngImage(bytes));
    return this.imageList.length - 1;
  }

  addPage(): PdfPage {
    const page = new PdfPage();
    this.pages.push(page);
    return page;
  }

  toBuffer(): Buffer {
    const objects: Buffer[] = [];
    const add = (body: string | Buffer) => {
      objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
      return objects.length;
    };
    const stream = (dict: string, data: Buffer) =>
      Buffer.concat([
        Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]);
    const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
    const pagesId = add(''); // written once the pages are known
    const descriptor = add(
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 ' +
        '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    );
    const cidFont = add(
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
        `/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R ` +
        '/DW 1000 /W [1 95 500] >>',
    );
    const font = add(
      `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`,
    );
    const imageIds = this.imageList.map((img) =>
      add(
        stream(
          `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace ${img.colorSpace} ` +
            `/BitsPerComponent ${img.bitsPerComponent} /Filter /${img.filter}` +
            (img.decodeParms ? ` /DecodeParms ${img.decodeParms}` : ''),
          img.data,
        ),
      ),
    );
    const pageIds = this.pages.map((page) => {
      const content = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(page.ops.join('\n'), 'latin1'))));
      const xObjects = [...page.images].map((i) => `/Im${i} ${imageIds[i]} 0 R`).join(' ');
      return add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> /XObject << ${xObjects} >> >> /Contents ${content} 0 R >>`,
      );
    });
    objects[pagesId - 1] = Buffer.from(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
      'latin1',
    );
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = parts[0].length;
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(offset);
      const part = Buffer.concat([
        Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
        body,
        Buffer.from('\nendobj\n', 'latin1'),
      ]);
      parts.push(part);
      offset += part.length;
    });
    const xref = [
      'xref',
      `0 ${objects.length + 1}`,
      '0000000000 65535 f ',
      ...offsets.map((o) => `${o.toString().padStart(10, '0')} 00000 n `),
      'trailer',
      `<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>`,
      'startxref',
      String(offset),
      '%%EOF',
      '',
    ].join('\n');
    parts.push(Buffer.from(xref, 'latin1'));
    return Buffer.concat(parts);
  }
}

const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8;

/** A JPEG goes into the PDF as it is (DCTDecode): only its size and colour count are read from the frame header. */
function jpegImage(bytes: Buffer): PdfImage {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error('not a JPEG');
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const components = bytes[at + 9];
      return {
        height: bytes.readUInt16BE(at + 5),
        width: bytes.readUInt16BE(at + 7),
        colorSpace: components === 1 ? '/DeviceGray' : '/DeviceRGB',
        bitsPerComponent: 8,
        filter: 'DCTDecode',
        data: bytes,
      };
    }
    at += 2 + length;
  }
  throw new Error('JPEG without a frame header');
}

const PNG_SIGNATURE = '89504e470d0a1a0a';
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * A PNG into the PDF. Without alpha (greyscale, RGB, a palette without transparency) its compressed rows go in as
 * they are: PDF's Flate filter knows PNG's row predictors, so nothing is decoded. With alpha it is decoded and
 * laid on white (a printed code needs no transparency): any bit depth, not interlaced (wxacode answers none).
 */
function pngImage(bytes: Buffer): PdfImage {
  if (bytes.subarray(0, 8).toString('hex') !== PNG_SIGNATURE) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let depth = 8;
  let type = 0;
  let palette: Buffer = Buffer.alloc(0);
  let transparency: Buffer = Buffer.alloc(0);
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const name = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (name === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      type = data[9];
      if (data[12] !== 0) throw new Error('interlaced PNG');
    } else if (name === 'PLTE') palette = data;
    else if (name === 'tRNS') transparency = data;
    else if (name === 'IDAT') idat.push(data);
    else if (name === 'IEND') break;
    at += 12 + length;
  }
  const channels = CHANNELS[type];
  if (!channels || !width || !height) throw new Error('unsupported PNG');
  const compressed = Buffer.concat(idat);
  if ((type === 0 || type === 2 || type === 3) && transparency.length === 0) {
    const colorSpace =
      type === 0
        ? '/DeviceGray'
        : type === 2
          ? '/DeviceRGB'
          : `[/Indexed /DeviceRGB ${palette.length / 3 - 1} <${palette.toString('hex')}>]`;
    return {
      width,
      height,
      colorSpace,
      bitsPerComponent: depth,
      filter: 'FlateDecode',
      decodeParms: `<< /Predictor 15 /Colors ${channels} /BitsPerComponent ${depth} /Columns ${width} >>`,
      data: compressed,
    };
  }
  return decodedPng(inflateSync(compressed), { width, height, depth, type, channels, palette, transparency });
}

interface PngHeader {
  width: number;
  height: number;
  depth: number;
  type: number;
  channels: number;
  palette: Buffer;
  transparency: Buffer;
}

/** Undoes PNG's row filters and lays the pixels on white, as 8-bit RGB. */
function decodedPng(raw: Buffer, png: PngHeader): PdfImage {
  const { width, height, depth, type, channels, palette, transparency } = png;
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const bpp = Math.max(1, (channels * depth) / 8);
  const pixels = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    for (let x = 0; x < rowBytes; x += 1) {
      const a = x >= bpp ? pixels[dst + x - bpp] : 0;
      const b = y > 0 ? pixels[dst - rowBytes + x] : 0;
      const c = x >= bpp && y > 0 ? pixels[dst - rowBytes + x - bpp] : 0;
      const predicted =
        filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      pixels[dst + x] = (raw[src + x] + predicted) & 0xff;
    }
  }
  /** The n-th sample of a row, scaled to 0–255 (a palette index as it is). */
  const sample = (row: number, n: number): number => {
    if (depth === 8) return pixels[row * rowBytes + n];
    if (depth === 16) return pixels[row * rowBytes + n * 2];
    const bit = n * depth;
    const value = (pixels[row * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    return type === 3 ? value : Math.round((value * 255) / ((1 << depth) - 1));
  };
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let r: number;
      let g: number;
      let b: number;
      let alpha = 255;
      if (type === 3) {
        const index = sample(y, x);
        r = palette[index * 3];
        g = palette[index * 3 + 1];
        b = palette[index * 3 + 2];
        if (index < transparency.length) alpha = transparency[index];
      } else if (type === 0 || type === 4) {
        r = g = b = sample(y, x * channels);
        if (type === 4) alpha = sample(y, x * 2 + 1);
      } else {
        r = sample(y, x * channels);
        g = sample(y, x * channels + 1);
        b = sample(y, x * channels + 2);
        if (type === 6) alpha = sample(y, x * 4 + 3);
      }
      const at = (y * width + x) * 3;
      const white = 255 * (255 - alpha);
      rgb[at] = Math.round((r * alpha + white) / 255);
      rgb[at + 1] = Math.round((g * alpha + white) / 255);
      rgb[at + 2] = Math.round((b * alpha + white) / 255);
    }
  }
  return {
    width,
    height,
    colorSpace: '/DeviceRGB',
    bitsPerComponent: 8,
    filter: 'FlateDecode',
    data: deflateSync(rgb),
  };
}
