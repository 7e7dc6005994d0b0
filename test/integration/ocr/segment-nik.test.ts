/**
 * The seven-segment NIK read through the whole KTP reader: Tesseract alone reads no NIK printed
 * in a segment face (measured 0 of 6); with segment-digits.ts the NIK comes out right, and never
 * as sure (below the review threshold: the verifier checks it against the card). A card Tesseract
 * reads with confidence never runs the segment reader. Cards: test/fixtures/ktp-segment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { KtpOcr } from '../../../src/main/core/ocr/engine';
import { KTP_CONFIDENCE_REVIEW } from '../../../src/shared/identity/ktp/parser';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEGMENT = path.resolve(HERE, '../../fixtures/ktp-segment');
const PLAIN = path.resolve(HERE, '../../fixtures/ktp');
const SLOW = 120_000;

const ocr = new KtpOcr();
afterAll(() => ocr.close());

describe('a NIK printed in a segment face', () => {
  const gt = JSON.parse(readFileSync(path.join(SEGMENT, 'ground-truth.json'), 'utf8')) as {
    cards: { file: string; variant: string; nik: string }[];
  };
  for (const card of gt.cards) {
    it(
      `reads the NIK of the ${card.variant} card, shown as unsure`,
      async () => {
        const d = await ocr.readDetailed(readFileSync(path.join(SEGMENT, card.file)));
        expect(d.segmentRead?.text).toBe(card.nik);
        expect(d.fields.nik.value).toBe(card.nik);
        expect(d.fields.nik.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
        expect(d.nikPasses.at(-1)).toMatchObject({ text: card.nik, weight: 3 });
      },
      SLOW,
    );
  }
});

describe('a NIK Tesseract reads with confidence', () => {
  it(
    'does not run the segment reader and keeps the Tesseract passes only',
    async () => {
      const gt = JSON.parse(readFileSync(path.join(PLAIN, 'ground-truth.json'), 'utf8')) as {
        cards: { file: string; variant: string; nikFont: string; person: { fields: { nik: string } } }[];
      };
      const card = gt.cards.find((c) => c.variant === 'clean' && c.nikFont === 'plain');
      expect(card).toBeDefined();
      const d = await ocr.readDetailed(readFileSync(path.join(PLAIN, card?.file ?? '')));
      expect(d.fields.nik.value).toBe(card?.person.fields.nik);
      expect(d.fields.nik.confidence).toBeGreaterThanOrEqual(KTP_CONFIDENCE_REVIEW);
      expect(d.segmentRead).toBeNull();
      expect(d.nikPasses).toHaveLength(3);
    },
    SLOW,
  );
});
