/**
 * A scanner's PDF has no text layer: each page is one picture, nearly always stored as a JPEG
 * (`/Filter /DCTDecode`), which is a complete JPEG file inside the PDF. Taking the largest such
 * image out lets the letter OCR read a scanned PDF without rasterizing it (no canvas in the core).
 * Other encodings (JBIG2, CCITT fax, Flate bitmaps) are not handled: the form then asks the
 * verifier to type the fields.
 */
const STREAM = /stream\r?\n/g;

/** The largest embedded DCTDecode image of the PDF, as JPEG bytes; null when there is none. */
export function largestJpegInPdf(pdf: Buffer): Buffer | null {
  const text = pdf.toString('latin1');
  let best: Buffer | null = null;
  for (const match of text.matchAll(STREAM)) {
    const start = match.index + match[0].length;
    const dictStart = text.lastIndexOf('<<', match.index);
    const dict = dictStart >= 0 ? text.slice(dictStart, match.index) : '';
    if (!/\/Subtype\s*\/Image/.test(dict) || !/\/DCTDecode/.test(dict)) continue;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    const body = pdf.subarray(start, end);
    const eoi = body.lastIndexOf(Buffer.from([0xff, 0xd9]));
    if (body[0] !== 0xff || body[1] !== 0xd8 || eoi < 0) continue;
    const jpeg = body.subarray(0, eoi + 2);
    if (!best || jpeg.length > best.length) best = Buffer.from(jpeg);
  }
  return best;
}
