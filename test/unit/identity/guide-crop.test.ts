/** The KTP capture keeps what lies under the card guide: the guide mapped through `object-fit: cover` into frame pixels. */
import { describe, expect, it } from 'vitest';

import { CARD_GUIDE, guideInFrame, guideStyle } from '../../../src/renderer/identity/guide-crop';

const NO_MARGIN = 0;

describe('the card guide in frame pixels', () => {
  it('maps the guide one to one when the frame has the viewfinder aspect (1280×720 in a 16:9 box)', () => {
    expect(guideInFrame({ width: 760, height: 427.5 }, { width: 1280, height: 720 }, CARD_GUIDE, NO_MARGIN)).toEqual({
      x: 154,
      y: 101,
      width: 973,
      height: 518,
    });
  });

  it('follows the cut of a 4:3 frame covering a 16:9 viewfinder (top and bottom are off screen)', () => {
    const box = guideInFrame({ width: 640, height: 360 }, { width: 640, height: 480 }, CARD_GUIDE, NO_MARGIN);
    // Visible: 640×360 from y = 60; the guide is 14 % in from the visible edges.
    expect(box).toEqual({ x: 77, y: 110, width: 486, height: 259 });
  });

  it('adds the margin on every side and never leaves the frame', () => {
    const tight = guideInFrame({ width: 640, height: 360 }, { width: 1280, height: 720 }, CARD_GUIDE, 0);
    const loose = guideInFrame({ width: 640, height: 360 }, { width: 1280, height: 720 }, CARD_GUIDE, 0.05);
    expect(loose?.x).toBe((tight?.x ?? 0) - 64);
    expect(loose?.width).toBe((tight?.width ?? 0) + 128);
    const huge = guideInFrame({ width: 640, height: 360 }, { width: 1280, height: 720 }, CARD_GUIDE, 0.5);
    expect(huge).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('gives up (whole frame) when a size is unknown, and draws the guide from the same insets', () => {
    expect(guideInFrame({ width: 0, height: 0 }, { width: 1280, height: 720 })).toBeNull();
    expect(guideInFrame({ width: 640, height: 360 }, { width: 0, height: 0 })).toBeNull();
    expect(guideStyle(CARD_GUIDE)).toEqual({ left: '12.00%', top: '14.00%', right: '12.00%', bottom: '14.00%' });
  });
});
