import { A4, PdfDocument, textWidth, type PdfPage } from './pdf';

/** One slip of the sheet: a person's name beside their personal invitation code. */
export interface SheetSlip {
  name: string;
  /** Where they live (the 邻), to sort the slips and hand them out. */
  place: string;
  code: string;
  qr: Buffer;
}

export interface SheetHeading {
  /** 西草坪村 · 西草坪村党支部 */
  title: string;
  /** The day the invitations stop working, as people read it (2027年1月1日). */
  validUntil: string;
}

const MARGIN = 28;
const HEADER = 78;
const COLUMNS = 3;
const ROWS = 7;
const QR_SIZE = 88;
export const SLIPS_PER_PAGE = COLUMNS * ROWS;

/** The largest size up to `max` at which a text fits a width. */
const fitting = (text: string, width: number, max: number) => Math.min(max, width / Math.max(1, textWidth(text, 1)));

function heading(page: PdfPage, head: SheetHeading, number: number, pages: number): void {
  page.text(MARGIN, MARGIN, fitting(`${head.title} 党员邀请码`, A4.width - 2 * MARGIN, 18), `${head.title} 党员邀请码`);
  page.text(MARGIN, MARGIN + 28, 13, '微信扫码，确认本人信息后即可加入');
  const note = `每个码只能本人使用一次，${head.validUntil}前有效。第${number}/${pages}页`;
  page.text(MARGIN, MARGIN + 48, 10, note);
}

/**
 * The invitation sheet of one branch: A4 pages of 21 slips (3 × 7, cut along the dashed lines), each the code
 * with the person's name, their 邻 and the 8-character code (to type in when scanning is not possible) beside it.
 */
export function invitationSheet(head: SheetHeading, slips: readonly SheetSlip[]): Buffer {
  const pdf = new PdfDocument();
  const pages = Math.max(1, Math.ceil(slips.length / SLIPS_PER_PAGE));
  const cellWidth = (A4.width - 2 * MARGIN) / COLUMNS;
  const cellHeight = (A4.height - MARGIN - HEADER - MARGIN) / ROWS;
  for (let p = 0; p < pages; p += 1) {
    const page = pdf.addPage();
    heading(page, head, p + 1, pages);
    const top = MARGIN + HEADER;
    for (let c = 1; c < COLUMNS; c += 1) {
      page.cutLine(MARGIN + c * cellWidth, top, MARGIN + c * cellWidth, top + ROWS * cellHeight);
    }
    for (let r = 0; r <= ROWS; r += 1) {
      page.cutLine(MARGIN, top + r * cellHeight, A4.width - MARGIN, top + r * cellHeight);
    }
    slips.slice(p * SLIPS_PER_PAGE, (p + 1) * SLIPS_PER_PAGE).forEach((slip, i) => {
      const x = MARGIN + (i % COLUMNS) * cellWidth;
      const y = top + Math.floor(i / COLUMNS) * cellHeight;
      const qrTop = y + (cellHeight - QR_SIZE) / 2;
      page.image(pdf.addImage(slip.qr), x + 6, qrTop, QR_SIZE, QR_SIZE);
      const textX = x + 6 + QR_SIZE + 6;
      const room = cellWidth - (textX - x) - 4;
      page.text(textX, qrTop + 14, fitting(slip.name, room, 16), slip.name);
      if (slip.place) page.text(textX, qrTop + 40, fitting(slip.place, room, 10), slip.place);
      page.text(textX, qrTop + 62, 8, '邀请码');
      page.text(textX, qrTop + 73, 10, slip.code);
    });
  }
  return pdf.toBuffer();
}
