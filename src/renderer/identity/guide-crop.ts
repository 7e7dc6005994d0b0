/**
 * The KTP is captured as the verifier framed it: the part of the camera frame under the on-screen
 * card guide (with a small margin, so a card held a little large keeps its edges), not the whole
 * desk around it. The guide is placed in the viewfinder in fractions; the video fills the
 * viewfinder with `object-fit: cover`, so the guide is mapped through the visible part of the frame.
 */

/** Insets of the guide from the viewfinder's edges, as fractions of its width and height. */
export interface GuideInsets {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const CARD_GUIDE: GuideInsets = { left: 0.12, top: 0.14, right: 0.12, bottom: 0.14 };
/** Added around the guide on every side, as a fraction of the visible frame. */
export const CARD_CROP_MARGIN = 0.05;

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The guide as CSS insets (one source for the drawn guide and the crop). */
export function guideStyle(g: GuideInsets): Record<'left' | 'top' | 'right' | 'bottom', string> {
  const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
  return { left: pct(g.left), top: pct(g.top), right: pct(g.right), bottom: pct(g.bottom) };
}

/**
 * The guide in the video's own pixels. `shown`: the viewfinder's size on screen; `frame`: the
 * video's intrinsic size. Null when either is unknown (the caller then keeps the whole frame).
 */
export function guideInFrame(
  shown: { width: number; height: number },
  frame: { width: number; height: number },
  guide: GuideInsets = CARD_GUIDE,
  margin = CARD_CROP_MARGIN,
): PixelBox | null {
  if (shown.width <= 0 || shown.height <= 0 || frame.width <= 0 || frame.height <= 0) return null;
  // object-fit: cover scales the frame up until it covers the viewfinder; the overflow is cut evenly.
  const scale = Math.max(shown.width / frame.width, shown.height / frame.height);
  const visibleWidth = shown.width / scale;
  const visibleHeight = shown.height / scale;
  const offsetX = (frame.width - visibleWidth) / 2;
  const offsetY = (frame.height - visibleHeight) / 2;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const x0 = clamp(offsetX + (guide.left - margin) * visibleWidth, frame.width);
  const x1 = clamp(offsetX + (1 - guide.right + margin) * visibleWidth, frame.width);
  const y0 = clamp(offsetY + (guide.top - margin) * visibleHeight, frame.height);
  const y1 = clamp(offsetY + (1 - guide.bottom + margin) * visibleHeight, frame.height);
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { x: Math.round(x0), y: Math.round(y0), width: Math.round(x1 - x0), height: Math.round(y1 - y0) };
}
