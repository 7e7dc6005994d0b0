/**
 * Whether a KTP reading is worth correcting or the photo worth retaking. A card read from a blurred,
 * glared or dim photo leaves most fields empty or unsure; typing 17 fields from the card takes far
 * longer than a second photo, so the desk says so. Measured on the fixture scans and two
 * photographed development sets (92 cards): every card with fewer than 4 fields read sure had at
 * most 5 of 17 right; the card with 5 sure fields had 14 right (a reading is conservative: good
 * photos often show only 6–9 fields as sure).
 */
import { KTP_FIELDS, type KtpReading } from '../../domain/identity';
import { KTP_CONFIDENCE_REVIEW } from './parser';

/** Fewer fields read sure than this: the desk suggests a retake. */
export const RETAKE_BELOW_SURE_FIELDS = 4;

export interface ReadingQuality {
  /** Fields with a value at or above the review confidence. */
  sure: number;
  total: number;
  suggestRetake: boolean;
}

export function readingQuality(fields: KtpReading): ReadingQuality {
  const sure = KTP_FIELDS.filter((f) => {
    const field = fields[f];
    return field.value !== null && field.confidence >= KTP_CONFIDENCE_REVIEW;
  }).length;
  return { sure, total: KTP_FIELDS.length, suggestRetake: sure < RETAKE_BELOW_SURE_FIELDS };
}
