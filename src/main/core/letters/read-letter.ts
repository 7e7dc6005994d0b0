/**
 * The intake's letter, read whatever form it came in: a PDF's text layer (pdfjs), a scanner's PDF
 * through the picture inside it, or a JPEG/PNG scan through the OCR. Runs in the reader thread
 * (workers/reader-tasks.ts): parsing a PDF and recognizing a page must not hold the core's loop.
 */
import type { LetterReading } from '../../../shared/domain/staff';
import { readLetterText } from '../../../shared/intake/letter-fields';
import { fail } from '../failure';
import { LetterOcrFailed, type LetterOcrOptions, ocrLetterImage } from './letter-ocr';
import { largestJpegInPdf } from './pdf-scan-image';
import { pdfTextLines, UnreadablePdf } from './pdf-text';

const NOTHING_READ: Omit<LetterReading, 'note'> = { source: 'none', number: null, date: null, subject: null, nips: [] };

/** A scanned letter (a JPEG/PNG, or the picture inside a scanner's PDF) through the OCR. */
async function readScan(image: Buffer, options: LetterOcrOptions): Promise<LetterReading> {
  let scanned: string;
  try {
    scanned = await ocrLetterImage(image, options);
  } catch (error) {
    if (!(error instanceof LetterOcrFailed)) throw error;
    return {
      ...NOTHING_READ,
      nips: [],
      note: 'Surat hasil pindai tidak terbaca: isi nomor, tanggal dan perihal sesuai surat.',
    };
  }
  return { source: 'ocr', ...readLetterText(scanned), note: 'Dibaca dari pindaian (OCR): periksa setiap isian.' };
}

/** `bytes` already passed the upload checks (type by content, size). */
export async function readLetterFile(
  bytes: Buffer,
  mimeType: string,
  options: LetterOcrOptions = {},
): Promise<LetterReading> {
  if (mimeType !== 'application/pdf') return readScan(bytes, options);
  let text: string;
  try {
    text = await pdfTextLines(bytes);
  } catch (error) {
    if (error instanceof UnreadablePdf) fail('FILE_CORRUPT', undefined, { file: 'PDF tidak dapat dibaca' });
    throw error;
  }
  if (text.replace(/\s/g, '').length < 20) {
    // A scanner's PDF: its page picture is a JPEG inside; read that through the OCR.
    const page = largestJpegInPdf(bytes);
    if (page) return readScan(page, options);
    return {
      ...NOTHING_READ,
      nips: [],
      note: 'PDF ini hasil pindai (tanpa lapisan teks): isi nomor, tanggal dan perihal sesuai surat, atau unggah pindaiannya sebagai JPEG/PNG agar dibaca OCR.',
    };
  }
  return { source: 'pdfText', ...readLetterText(text), note: null };
}
