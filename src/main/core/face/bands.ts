/**
 * The pure half of face matching: the calibrated thresholds, the band a distance falls in, the
 * presentation checks (no face, several faces, suspiciously identical) and the Indonesian
 * warnings. Kept free of tfjs so the rules can be unit-tested in milliseconds and reused by a
 * renderer preview; `engine.ts` feeds it measured descriptors. See CALIBRATION.md for the numbers.
 */
import type { FaceBand, FaceMatchResult } from '../../../shared/domain/identity';

/**
 * Euclidean distance between 128-d descriptors (face_recognition model): below `match` is
 * "cocok", from `match` up to and including `review` is "perlu diperiksa", above `review` is
 * "tidak cocok".
 *
 * Calibration (CALIBRATION.md), 60 synthetic KTP cards × webcam selfies from three photos:
 * same person 0.24–0.69 (84% below 0.5, 90% at or below 0.6; everything above 0.6 is the profile
 * photo), different people 0.58–0.88 (none below 0.5, 3 of 360 in 0.5–0.6). identity-desk.md's sample
 * had strangers down to 0.44 (5th percentile 0.61). The library's single 0.6 cut would pass about
 * 5% of strangers, so "cocok" stops at 0.5 and 0.5–0.6 goes to the verifier. Three faces are a
 * small sample: recalibrate on real desk captures before trusting the bands.
 */
export const FACE_THRESHOLDS: Readonly<{ match: number; review: number }> = Object.freeze({ match: 0.5, review: 0.6 });

/**
 * Below this the selfie is (almost) the same picture as the KTP portrait: the card, a print or a
 * screen held up to the camera. Measured (CALIBRATION.md): a frontal KTP card re-photographed
 * into a webcam frame 0.12–0.21 (18 cards); the closest same-person pair of the synthetic
 * fixtures 0.227 (and those pairs come from one photograph each, so real live captures sit
 * further out: identity-desk.md 0.42–0.48). The margins are thin on synthetic data; recalibrate
 * on real desk captures. A profile portrait is not reliably caught (0.39–0.62).
 */
export const NEAR_IDENTICAL_DISTANCE = 0.22;

/**
 * SSD describes the KTP portrait (once, when the card is captured: it finds small, dithered print
 * faces the tiny detector misses); TinyFaceDetector 416 finds the selfie face (a large, live face:
 * ≈ 3× faster). Landmarks and the 128-d descriptor are the same models on both sides.
 */
export const FACE_MODEL_NAMES = [
  'ssd_mobilenetv1',
  'tiny_face_detector',
  'face_landmark_68',
  'face_recognition',
] as const;

/** `face-api@1.7.15 ssd_mobilenetv1+tiny_face_detector+face_landmark_68+face_recognition tfjs-wasm@4.22.0`. */
export function modelVersionString(faceApiVersion: string, tfjsVersion: string): string {
  return `face-api@${faceApiVersion} ${FACE_MODEL_NAMES.join('+')} tfjs-wasm@${tfjsVersion}`;
}

/** The band for a distance alone (null when there is no distance). */
export function bandFor(distance: number | null, thresholds = FACE_THRESHOLDS): FaceBand | null {
  if (distance === null || !Number.isFinite(distance)) return null;
  if (distance < thresholds.match) return 'cocok';
  if (distance <= thresholds.review) return 'perluDiperiksa';
  return 'tidakCocok';
}

export function isNearIdentical(distance: number | null): boolean {
  return distance !== null && distance < NEAR_IDENTICAL_DISTANCE;
}

export const FACE_WARNINGS = {
  ktpNoFace: 'Wajah pada foto KTP tidak ditemukan. Periksa foto KTP secara manual atau ambil ulang gambar KTP.',
  ktpOutsidePortraitArea:
    'Wajah pada gambar KTP ditemukan di luar area pasfoto; pastikan gambar adalah KTP yang utuh dan tidak terbalik.',
  selfieNoFace: 'Wajah pada swafoto tidak ditemukan. Ambil ulang swafoto: satu wajah, menghadap kamera, cukup terang.',
  selfieManyFaces: (n: number): string =>
    `Terdeteksi ${n} wajah pada swafoto; yang dibandingkan adalah wajah terbesar. Pastikan hanya pemohon yang terlihat di kamera.`,
  nearIdentical:
    'Swafoto hampir identik dengan foto KTP: kemungkinan yang difoto adalah KTP atau foto, bukan wajah pemohon secara langsung. Ini bukan tanda kecocokan; ambil ulang swafoto.',
  otherFaceIsKtp:
    'Salah satu wajah lain di swafoto hampir identik dengan foto KTP (KTP ikut terfoto); pastikan wajah terbesar adalah pemohon.',
  otherFaceCloser:
    'Wajah lain di swafoto lebih mirip foto KTP daripada wajah terbesar; pastikan wajah yang dibandingkan adalah pemohon.',
  screenShown:
    'Swafoto tampak diambil dari layar (pola piksel/moiré pada wajah): kemungkinan yang difoto adalah layar ponsel, tablet atau monitor, bukan wajah pemohon secara langsung. Ini bukan tanda kecocokan; minta pemohon berdiri langsung di depan kamera dan ambil ulang swafoto.',
  review: 'Jarak wajah berada di rentang perlu diperiksa: bandingkan foto KTP dan swafoto secara langsung.',
} as const;

/** What the engine measured; everything the verdict depends on. */
export interface FaceMeasurement {
  ktpFaceFound: boolean;
  /** The image was card-shaped but the only face found was outside the portrait area. */
  ktpOutsidePortraitArea?: boolean;
  selfieFaceCount: number;
  /** Distance between the KTP face and the selfie's primary (largest) face. */
  distance: number | null;
  /** Distances to the selfie's other faces (for the "KTP held up next to the face" check). */
  otherDistances?: number[];
  /** The compared selfie face carries a display's pixel pattern (screen-pattern.ts). */
  screenPattern?: boolean;
}

/**
 * Turns a measurement into the result the verifier sees. A near-identical pair or a selfie filmed
 * off a screen is escalated from "cocok" to "perlu diperiksa": a presentation warning is never
 * reassurance.
 */
export function verdict(m: FaceMeasurement, modelVersion: string, durationMs: number): FaceMatchResult {
  const warnings: string[] = [];
  if (!m.ktpFaceFound) warnings.push(FACE_WARNINGS.ktpNoFace);
  else if (m.ktpOutsidePortraitArea === true) warnings.push(FACE_WARNINGS.ktpOutsidePortraitArea);
  if (m.selfieFaceCount === 0) warnings.push(FACE_WARNINGS.selfieNoFace);
  if (m.selfieFaceCount > 1) warnings.push(FACE_WARNINGS.selfieManyFaces(m.selfieFaceCount));

  const distance = m.ktpFaceFound && m.selfieFaceCount > 0 && m.distance !== null ? round4(m.distance) : null;
  const nearIdentical = isNearIdentical(distance);
  let band = bandFor(distance);
  const screenSuspected = m.screenPattern === true && m.selfieFaceCount > 0;
  if (nearIdentical) warnings.push(FACE_WARNINGS.nearIdentical);
  if (screenSuspected) warnings.push(FACE_WARNINGS.screenShown);
  if (nearIdentical || screenSuspected) {
    if (band === 'cocok') band = 'perluDiperiksa';
  } else if (band === 'perluDiperiksa') {
    warnings.push(FACE_WARNINGS.review);
  }
  const others = distance === null ? [] : (m.otherDistances ?? []);
  if (others.some((d) => isNearIdentical(d))) warnings.push(FACE_WARNINGS.otherFaceIsKtp);
  else if (distance !== null && others.some((d) => d < FACE_THRESHOLDS.match && d < distance))
    warnings.push(FACE_WARNINGS.otherFaceCloser);

  return {
    distance,
    band,
    thresholds: { match: FACE_THRESHOLDS.match, review: FACE_THRESHOLDS.review },
    modelVersion,
    ktpFaceFound: m.ktpFaceFound,
    selfieFaceCount: m.selfieFaceCount,
    nearIdentical,
    screenSuspected,
    warnings,
    durationMs: Math.round(durationMs),
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
