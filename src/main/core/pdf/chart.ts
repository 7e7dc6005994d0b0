/**
 * Bar charts drawn with pdfkit lines and rectangles (no images, no fonts beyond Helvetica): enough
 * for "issued per service type" or "per month" in a report a Kepala Seksi signs.
 */
import { ensureSpace, FONT, FONT_BOLD, type OfficePdf } from './document';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  title?: string;
  /** `vertical`: columns with labels below (months); `horizontal`: rows with labels left (types). */
  orientation?: 'vertical' | 'horizontal';
  /** Height of the plot area in points (vertical charts). */
  height?: number;
  color?: string;
  /** How values are written above/after the bars (default: as is). */
  format?: (value: number) => string;
}

const AXIS = '#555555';

export function drawBarChart(pdf: OfficePdf, bars: readonly Bar[], options: BarChartOptions = {}): void {
  const { doc } = pdf;
  const color = options.color ?? '#2f5d8a';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const orientation = options.orientation ?? 'vertical';
  const plotHeight = orientation === 'vertical' ? (options.height ?? 150) : bars.length * 18;
  ensureSpace(pdf, plotHeight + 60);
  if (options.title) {
    doc.font(FONT_BOLD).fontSize(10).text(options.title, pdf.left, doc.y, { width: pdf.width });
    doc.moveDown(0.4);
  }
  doc.font(FONT).fontSize(8);
  const format = options.format ?? String;
  if (orientation === 'vertical') drawVertical(pdf, bars, max, plotHeight, color, format);
  else drawHorizontal(pdf, bars, max, color, format);
  doc.x = pdf.left;
  doc.font(FONT).fontSize(10);
  doc.moveDown(0.8);
}

function drawVertical(
  pdf: OfficePdf,
  bars: readonly Bar[],
  max: number,
  height: number,
  color: string,
  format: (v: number) => string,
): void {
  const { doc } = pdf;
  const top = doc.y + 10;
  const baseline = top + height;
  const slot = pdf.width / Math.max(bars.length, 1);
  const barWidth = Math.min(36, slot * 0.6);
  doc
    .save()
    .lineWidth(0.7)
    .strokeColor(AXIS)
    .moveTo(pdf.left, baseline)
    .lineTo(pdf.left + pdf.width, baseline)
    .stroke()
    .restore();
  bars.forEach((bar, i) => {
    const h = (bar.value / max) * height;
    const x = pdf.left + i * slot + (slot - barWidth) / 2;
    if (h > 0)
      doc
        .save()
        .rect(x, baseline - h, barWidth, h)
        .fill(color)
        .restore();
    doc.fillColor('black').text(format(bar.value), pdf.left + i * slot, baseline - h - 10, {
      width: slot,
      align: 'center',
      lineBreak: false,
    });
    doc.text(bar.label, pdf.left + i * slot + 1, baseline + 3, { width: slot - 2, align: 'center' });
  });
  doc.y = baseline + 28;
}

function drawHorizontal(
  pdf: OfficePdf,
  bars: readonly Bar[],
  max: number,
  color: string,
  format: (v: number) => string,
): void {
  const { doc } = pdf;
  const labelWidth = Math.min(170, pdf.width * 0.35);
  const plotLeft = pdf.left + labelWidth + 6;
  const plotWidth = pdf.width - labelWidth - 40;
  const top = doc.y + 2;
  let y = top;
  for (const bar of bars) {
    const w = (bar.value / max) * plotWidth;
    doc
      .fillColor('black')
      .text(bar.label, pdf.left, y + 3, { width: labelWidth, align: 'right', lineBreak: false, ellipsis: true });
    if (w > 0)
      doc
        .save()
        .rect(plotLeft, y + 2, w, 12)
        .fill(color)
        .restore();
    doc.fillColor('black').text(format(bar.value), plotLeft + w + 4, y + 3, { width: 40, lineBreak: false });
    y += 18;
  }
  doc.save().lineWidth(0.7).strokeColor(AXIS).moveTo(plotLeft, top).lineTo(plotLeft, y).stroke().restore();
  doc.y = y + 4;
}
