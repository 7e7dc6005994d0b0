/**
 * An A4 office document: the kop surat (letterhead) from the Office record, the title block, and
 * "Halaman x dari y" on every page — so every report and printable looks like the office's paper.
 *
 *   const pdf = createOfficePdf(office, { title: 'Laporan …', subtitle: 'Oktober 2026' });
 *   drawTable(pdf, columns, rows); drawSignatures(pdf, blocks);
 *   const bytes = await pdfToBuffer(pdf);
 */
import PDFDocument from 'pdfkit';

import type { Office } from '../../../shared/domain/office';

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';
const MARGIN = { top: 42, bottom: 56, left: 50, right: 50 };

export interface OfficePdf {
  doc: PDFKit.PDFDocument;
  office: Office;
  /** Left edge and usable width of the text area (the same on every page). */
  left: number;
  width: number;
  /** The lowest y content may reach before a new page is needed. */
  bottom(): number;
}

export interface OfficePdfOptions {
  title: string;
  /** A line under the title, e.g. the period or the reference number. */
  subtitle?: string;
  landscape?: boolean;
}

/** The kop lines: PEMERINTAH <KABUPATEN/KOTA>, the office name, any extra letterhead lines. */
export function letterheadLines(office: Office): { government: string; name: string; extra: string[] } {
  const regency = office.regency.trim().toUpperCase();
  const government = /^(KABUPATEN|KOTA|PROVINSI)\b/.test(regency)
    ? `PEMERINTAH ${regency}`
    : `PEMERINTAH KABUPATEN ${regency}`;
  const name = office.name.trim().toUpperCase();
  const extra = office.letterhead
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.toUpperCase().startsWith('PEMERINTAH') && l.toUpperCase() !== name);
  return { government, name, extra };
}

export function createOfficePdf(office: Office, options: OfficePdfOptions): OfficePdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: options.title, Author: office.name, Creator: 'Loket TTE' },
  });
  const pdf: OfficePdf = {
    doc,
    office,
    left: MARGIN.left,
    width: doc.page.width - MARGIN.left - MARGIN.right,
    bottom: () => doc.page.height - MARGIN.bottom,
  };
  drawLetterhead(pdf);
  doc
    .font(FONT_BOLD)
    .fontSize(13)
    .text(options.title.toUpperCase(), pdf.left, doc.y, { width: pdf.width, align: 'center' });
  if (options.subtitle)
    doc
      .font(FONT)
      .fontSize(11)
      .text(options.subtitle, pdf.left, doc.y + 2, { width: pdf.width, align: 'center' });
  doc.moveDown(1);
  doc.font(FONT).fontSize(10);
  return pdf;
}

function drawLetterhead(pdf: OfficePdf): void {
  const { doc, left, width } = pdf;
  const { government, name, extra } = letterheadLines(pdf.office);
  doc.font(FONT).fontSize(12).text(government, left, MARGIN.top, { width, align: 'center' });
  doc.font(FONT_BOLD).fontSize(15).text(name, { width, align: 'center' });
  for (const line of extra) doc.font(FONT).fontSize(10).text(line, { width, align: 'center' });
  doc.font(FONT).fontSize(9).text(pdf.office.address, { width, align: 'center' });
  const y = doc.y + 4;
  doc
    .save()
    .lineWidth(2)
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  doc
    .lineWidth(0.6)
    .moveTo(left, y + 3)
    .lineTo(left + width, y + 3)
    .stroke()
    .restore();
  doc.y = y + 14;
}

/** Starts a new page when fewer than `height` points remain; returns true if it did. */
export function ensureSpace(pdf: OfficePdf, height: number): boolean {
  if (pdf.doc.y + height <= pdf.bottom()) return false;
  pdf.doc.addPage();
  return true;
}

/** A bold section heading with a little space above it. */
export function heading(pdf: OfficePdf, text: string): void {
  ensureSpace(pdf, 60);
  const { doc } = pdf;
  doc.moveDown(0.6);
  doc.font(FONT_BOLD).fontSize(11).text(text, pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.3);
  doc.font(FONT).fontSize(10);
}

/** Label–value lines ("Nama : Budi Santoso"), as on a paper form. */
export function fieldLines(pdf: OfficePdf, fields: readonly (readonly [string, string])[], labelWidth = 150): void {
  const { doc } = pdf;
  for (const [label, value] of fields) {
    const valueWidth = pdf.width - labelWidth - 12;
    const height =
      Math.max(
        doc
          .font(FONT)
          .fontSize(10)
          .heightOfString(value || '-', { width: valueWidth }),
        12,
      ) + 5;
    ensureSpace(pdf, height);
    const y = doc.y;
    doc.font(FONT).fontSize(10).text(label, pdf.left, y, { width: labelWidth });
    doc.text(':', pdf.left + labelWidth, y, { width: 10 });
    doc.text(value || '-', pdf.left + labelWidth + 12, y, { width: valueWidth });
    doc.y = y + height;
  }
}

/** Writes "Halaman x dari y" on every page and returns the finished file. */
export function pdfToBuffer(pdf: OfficePdf): Promise<Buffer> {
  const { doc } = pdf;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not add a page
      doc.font(FONT).fontSize(8).fillColor('#444444');
      doc.text(`Halaman ${i + 1 - range.start} dari ${range.count}`, pdf.left, doc.page.height - 34, {
        width: pdf.width,
        align: 'right',
        lineBreak: false,
      });
      doc.fillColor('black');
      doc.page.margins.bottom = bottomMargin;
    }
    doc.flushPages();
    doc.end();
  });
}
