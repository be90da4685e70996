import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { PdfDocument } from '../../../cloudfunctions/roster/pdf';
import { qrPng } from '../../../emulator/openapi/qrPng';

/**
 * The invitation sheet's PDF writer: a PNG without alpha goes in as its own compressed rows (PDF's Flate filter
 * undoes PNG's predictors), one with alpha is decoded onto white pixel for pixel; text is UCS-2 in STSong-Light.
 */
const SCENE = 'packages/account/redeem?scene=ABCD2345';

function onePageWith(png: Buffer): string {
  const pdf = new PdfDocument();
  const page = pdf.addPage();
  page.image(pdf.addImage(png), 10, 10, 100, 100);
  page.text(10, 120, 12, '欧阳兰 A1');
  return pdf.toBuffer().toString('latin1');
}

const imageStream = (pdf: string) => {
  const match = /\/Subtype \/Image ([\s\S]*?)>>\nstream\n/.exec(pdf);
  if (!match) throw new Error('no image');
  const length = Number(/\/Length (\d+)/.exec(match[1])?.[1]);
  const at = match.index + match[0].length;
  return { dict: match[1], data: Buffer.from(pdf.slice(at, at + length), 'latin1') };
};

/** The grey rows of an 8-bit greyscale PNG written with filter 0 (as qrPng writes it). */
function greyRows(png: Buffer, width: number): Buffer {
  const idat = png.subarray(8 + 25 + 8, 8 + 25 + 8 + png.readUInt32BE(8 + 25));
  const raw = inflateSync(idat);
  return Buffer.concat(
    Array.from({ length: width }, (_, y) => raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1))),
  );
}

test('a greyscale PNG goes in as it is, with PNG predictors for the Flate filter', () => {
  const png = qrPng(SCENE, 300, 2);
  const { dict, data } = imageStream(onePageWith(png));
  expect(dict).toContain('/Width 300 /Height 300 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode');
  expect(dict).toContain('/DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns 300 >>');
  expect(data.equals(png.subarray(8 + 25 + 8, 8 + 25 + 8 + png.readUInt32BE(8 + 25)))).toBe(true);
});

test('an RGBA PNG (filtered rows, alpha) is decoded onto white, module for module the same code', async () => {
  const rgba = await QRCode.toBuffer(SCENE, { type: 'png', width: 300, margin: 2 });
  expect(rgba[8 + 8 + 9]).toBe(6); // colour type: RGBA
  const { dict, data } = imageStream(onePageWith(rgba));
  expect(dict).toContain('/Width 300 /Height 300 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode');
  expect(dict).not.toContain('/DecodeParms');
  const rgb = inflateSync(data);
  const grey = greyRows(qrPng(SCENE, 300, 2), 300);
  expect(rgb.length).toBe(300 * 300 * 3);
  let differing = 0;
  for (let i = 0; i < grey.length; i += 1) if (rgb[i * 3] !== grey[i] || rgb[i * 3 + 2] !== grey[i]) differing += 1;
  expect(differing).toBe(0);
});

test('text is written in the standard CJK font, UCS-2, with nothing embedded', () => {
  const pdf = onePageWith(qrPng(SCENE, 280, 2));
  expect(pdf).toContain('/BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>');
  expect(pdf).toContain('/Encoding /UniGB-UCS2-H');
  expect(pdf).not.toContain('/FontFile');
  const contents = [...pdf.matchAll(/<< \/Filter \/FlateDecode \/Length (\d+) >>\nstream\n/g)].map((m) =>
    inflateSync(Buffer.from(pdf.slice(m.index + m[0].length, m.index + m[0].length + Number(m[1])), 'latin1')).toString(
      'latin1',
    ),
  );
  // 欧阳兰 A1: 6b27 9633 5170, then half-width ASCII.
  expect(contents.join('\n')).toContain('<6b2796335170002000410031> Tj');
});
