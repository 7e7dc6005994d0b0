/**
 * Signature blocks (blok tanda tangan) as on Indonesian office paper: place and date, position,
 * room to sign, the name underlined and the NIP — side by side, with blank lines when unnamed.
 */
import type { Office } from '../../../shared/domain/office';
import { formatDate } from '../../../shared/domain/time';
import { ensureSpace, FONT, FONT_BOLD, type OfficePdf } from './document';

export interface SignatureBlock {
  /** A line above the position: "Trenggalek, 17 Agustus 2025", "Mengetahui," or nothing. */
  heading?: string;
  /** The signer's position, e.g. "Kepala Seksi Keamanan Informasi dan Persandian". */
  position: string;
  /** Null leaves a dotted line to write the name by hand. */
  name: string | null;
  /** Null leaves "NIP. ……"; an empty string leaves the NIP line out (an applicant without one). */
  nip: string | null;
}

const BLANK = '(....................................)';
const BLOCK_HEIGHT = 120;

/** The place of the office for "Trenggalek, 17 Agustus 2025": the regency without Kabupaten/Kota. */
export function officePlace(office: Office): string {
  return office.regency.replace(/^\s*(Kabupaten|Kab\.|Kota)\s+/i, '').trim();
}

/** "Trenggalek, 17 Agustus 2025" for an ISO date or instant, in the office zone. */
export function placeAndDate(office: Office, iso: string): string {
  return `${officePlace(office)}, ${formatDate(iso, office.timeZone)}`;
}

/** An 18-digit NIP written the way letters do: 19710609 199201 1 002. */
export function formatNip(nip: string): string {
  return /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
}

/** Draws the blocks in one row across the page (one block sits on the right half). */
export function drawSignatures(pdf: OfficePdf, blocks: readonly SignatureBlock[]): void {
  const { doc } = pdf;
  doc.moveDown(1);
  ensureSpace(pdf, BLOCK_HEIGHT);
  const top = doc.y;
  const slots = Math.max(blocks.length, 2);
  const slotWidth = pdf.width / slots;
  const offset = slots - blocks.length; // a single block goes to the right, as letters sign
  blocks.forEach((block, i) => {
    const x = pdf.left + (i + offset) * slotWidth;
    const width = slotWidth - 10;
    let y = top;
    doc.font(FONT).fontSize(10);
    y += doc.heightOfString(block.heading ?? ' ', { width });
    doc.text(block.heading ?? '', x, top, { width, align: 'center' });
    doc.text(block.position, x, y, { width, align: 'center' });
    y += doc.heightOfString(block.position, { width }) + 52;
    if (block.name) {
      doc.font(FONT_BOLD).text(block.name, x, y, { width, align: 'center', underline: true });
      y += doc.heightOfString(block.name, { width });
    } else {
      doc.font(FONT).text(BLANK, x, y, { width, align: 'center' });
      y += doc.heightOfString(BLANK, { width });
    }
    if (block.nip !== '')
      doc.font(FONT).text(`NIP. ${block.nip ? formatNip(block.nip) : '..............................'}`, x, y, {
        width,
        align: 'center',
      });
  });
  doc.x = pdf.left;
  doc.y = top + BLOCK_HEIGHT;
  doc.font(FONT).fontSize(10);
}
