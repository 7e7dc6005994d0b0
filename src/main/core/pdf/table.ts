/**
 * Tables for office PDFs: relative column widths, wrapped cells, zebra rows, and the header row
 * repeated at the top of every page the table runs onto.
 */
import { FONT, FONT_BOLD, type OfficePdf } from './document';

export interface Column {
  header: string;
  /** Relative width: columns share the text width in proportion to these numbers. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  fontSize?: number;
  zebra?: boolean;
  /** A bold last row (totals). */
  totalRow?: boolean;
}

const PAD_X = 4;
const PAD_Y = 3;
const HEADER_FILL = '#dfe6ee';
const ZEBRA_FILL = '#f3f5f8';
const LINE = '#9aa5b1';

export function drawTable(
  pdf: OfficePdf,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): void {
  const { doc } = pdf;
  const fontSize = options.fontSize ?? 9;
  const zebra = options.zebra ?? true;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * pdf.width);
  const xs = widths.map((_, i) => pdf.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const heightOf = (cells: readonly string[], font: string): number => {
    doc.font(font).fontSize(fontSize);
    return (
      Math.max(...cells.map((text, i) => doc.heightOfString(text || '', { width: (widths[i] ?? 0) - 2 * PAD_X }))) +
      2 * PAD_Y
    );
  };

  const drawRow = (
    cells: readonly string[],
    font: string,
    fill: string | null,
    height = heightOf(cells, font),
  ): void => {
    const y = doc.y;
    if (fill) doc.save().rect(pdf.left, y, pdf.width, height).fill(fill).restore();
    doc.font(font).fontSize(fontSize).fillColor('black');
    cells.forEach((text, i) => {
      doc.text(text || '', (xs[i] ?? 0) + PAD_X, y + PAD_Y, {
        width: (widths[i] ?? 0) - 2 * PAD_X,
        align: columns[i]?.align ?? 'left',
      });
    });
    doc.save().lineWidth(0.5).strokeColor(LINE);
    doc.rect(pdf.left, y, pdf.width, height).stroke();
    for (const x of xs.slice(1))
      doc
        .moveTo(x, y)
        .lineTo(x, y + height)
        .stroke();
    doc.restore();
    doc.x = pdf.left;
    doc.y = y + height;
  };

  const headers = columns.map((c) => c.header);
  const drawHeader = (): void => drawRow(headers, FONT_BOLD, HEADER_FILL);
  const headerHeight = heightOf(headers, FONT_BOLD);

  if (doc.y + headerHeight + heightOf(rows[0] ?? headers, FONT) > pdf.bottom()) doc.addPage();
  drawHeader();
  rows.forEach((row, index) => {
    const isTotal = options.totalRow === true && index === rows.length - 1;
    const font = isTotal ? FONT_BOLD : FONT;
    const height = heightOf(row, font);
    if (doc.y + height > pdf.bottom()) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, font, zebra && index % 2 === 1 ? ZEBRA_FILL : null, height);
  });
  if (rows.length === 0)
    drawRow(
      columns.map((_, i) => (i === 0 ? 'Tidak ada data' : '')),
      FONT,
      null,
    );
  doc.font(FONT).fontSize(10);
  doc.moveDown(0.5);
}
