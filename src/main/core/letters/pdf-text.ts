/**
 * The text layer of an application letter saved as PDF (most letters are typed and exported, not
 * scanned), read with pdfjs-dist's Node build: lines in reading order, the first pages only. A
 * scanned PDF has no text layer; the caller learns that from an empty answer.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MAX_PAGES = 3;

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;

function standardFontDataUrl(): string {
  return `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
}

export class UnreadablePdf extends Error {}

/** The letter's text, one line per text line of the PDF; '' when it has no text layer. */
export async function pdfTextLines(bytes: Buffer): Promise<string> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  let doc;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes),
      standardFontDataUrl: standardFontDataUrl(),
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch {
    throw new UnreadablePdf('pdf');
  }
  try {
    const lines: string[] = [];
    for (let i = 1; i <= Math.min(doc.numPages, MAX_PAGES); i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
    }
    return lines.join('\n');
  } finally {
    await doc.destroy();
  }
}
