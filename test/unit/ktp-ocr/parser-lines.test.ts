// The engine's lines reach the parser on its 0..1 scale: a word Tesseract barely saw stays unsure.
import { describe, expect, it } from 'vitest';

import { type OcrLineBox, parserLines } from '../../../src/main/core/ocr/lines';
import { KTP_CONFIDENCE_REVIEW, parseKtpText } from '../../../src/shared/identity/ktp/parser';

const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
function line(label: string, value: string, valueConfidence: number): OcrLineBox {
  return {
    text: `${label} ${value}`,
    confidence: 60,
    bbox: box,
    words: [
      { text: label, confidence: 95, bbox: box },
      { text: value, confidence: valueConfidence, bbox: box },
    ],
  };
}

describe('parserLines', () => {
  it("puts Tesseract's 0..100 on the parser's 0..1, the weakest value word deciding", () => {
    expect(parserLines([line('Agama', 'ISLAM', 87)])).toEqual([{ text: 'Agama ISLAM', confidence: 0.87 }]);
  });

  it('keeps a value Tesseract gave 1 % unsure (it was once read as 1.00, a wrong RT/RW shown as sure)', () => {
    const reading = parseKtpText(parserLines([line('RTRW', 'CC7/00', 1)]));
    expect(reading.rtRw.value).toBe('007/000');
    expect(reading.rtRw.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
  });

  it('keeps a faint-but-right value at its own confidence, not the label’s', () => {
    const reading = parseKtpText(parserLines([line('RTRW', '007/008', 40)]));
    expect(reading.rtRw).toMatchObject({ value: '007/008', confidence: 0.4 });
  });
});
