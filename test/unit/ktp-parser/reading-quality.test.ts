// When the desk suggests retaking the KTP photo: fewer than 4 of the 17 fields read with a value at
// or above the review confidence. Empty fields and unsure values do not count as read.
import { describe, expect, it } from 'vitest';

import { KTP_FIELDS } from '../../../src/shared/domain/identity';
import { emptyReading, KTP_CONFIDENCE_REVIEW } from '../../../src/shared/identity/ktp/parser';
import { readingQuality, RETAKE_BELOW_SURE_FIELDS } from '../../../src/shared/identity/ktp/reading-quality';

function readingWith(sure: number, unsure = 0, emptyButConfident = 0) {
  const r = emptyReading();
  KTP_FIELDS.forEach((f, i) => {
    if (i < sure) r[f] = { value: 'X', confidence: KTP_CONFIDENCE_REVIEW, raw: 'X' };
    else if (i < sure + unsure) r[f] = { value: 'X', confidence: KTP_CONFIDENCE_REVIEW - 0.01, raw: 'X' };
    else if (i < sure + unsure + emptyButConfident) r[f] = { value: null, confidence: 0.95, raw: '' };
  });
  return r;
}

describe('readingQuality', () => {
  it('an empty reading: nothing sure, retake suggested', () => {
    expect(readingQuality(emptyReading())).toEqual({ sure: 0, total: 17, suggestRetake: true });
  });
  it('just below the line suggests a retake, at the line it does not', () => {
    expect(readingQuality(readingWith(RETAKE_BELOW_SURE_FIELDS - 1)).suggestRetake).toBe(true);
    expect(readingQuality(readingWith(RETAKE_BELOW_SURE_FIELDS)).suggestRetake).toBe(false);
  });
  it('unsure values and empty fields are not counted as read', () => {
    const q = readingQuality(readingWith(2, 10, 5));
    expect(q.sure).toBe(2);
    expect(q.suggestRetake).toBe(true);
  });
});
