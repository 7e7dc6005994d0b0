/**
 * The KTP portrait, described once when the card is captured and stored (sealed) with the reading,
 * so the face decision at the selfie needs only the selfie pass. Plain data (numbers, not a
 * Float32Array) so it crosses the worker boundary and JSON unchanged.
 */
export interface CardFace {
  /** The 128-d descriptor of the card's portrait; null when no face was found on the card. */
  descriptor: number[] | null;
  /** The face lies on the card's right side, where the portrait is printed. */
  insidePortraitArea: boolean;
  /** Detector score of the portrait face (null when none). */
  score: number | null;
  /** The engine that produced it; a descriptor from another model version is not comparable. */
  modelVersion: string;
  /** Milliseconds the description took (at capture time, not at the decision). */
  durationMs: number;
}

export const DESCRIPTOR_LENGTH = 128;

/** A stored value is only reused when it is well-formed and from the running model version. */
export function usableCardFace(value: unknown, modelVersion: string | null): value is CardFace {
  if (value === null || typeof value !== 'object') return false;
  const c = value as Partial<CardFace>;
  if (modelVersion !== null && c.modelVersion !== modelVersion) return false;
  if (typeof c.insidePortraitArea !== 'boolean') return false;
  if (c.descriptor === null) return true;
  return (
    Array.isArray(c.descriptor) &&
    c.descriptor.length === DESCRIPTOR_LENGTH &&
    c.descriptor.every((x) => typeof x === 'number' && Number.isFinite(x))
  );
}
