/** Reads a generated PDF back as plain text (pdfjs-dist), so tests assert what a reader would see. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const standardFontDataUrl =
  join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

/** All pages' text, whitespace collapsed; `pages` is the page count. */
export async function pdfText(data: string | Buffer): Promise<{ text: string; pages: number }> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'base64') : data;
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return { text: pages.join('\n').replace(/\s+/g, ' '), pages: doc.numPages };
}
