/**
 * Faces in a selfie frame, with one retry. SSD sometimes scores a clear, centred face below 0.5 in
 * a full 1280×720 frame (0.35 and 0.47 on two fixture selfies) yet ≥ 0.8 once the frame's centre
 * is shown with a grey margin; the capture guide centres the applicant, so that is the retry. The
 * face count (for "several faces") comes from the whole frame whenever it found anything.
 */
import { crop, padWithGrey, type RawImage } from './image';
import type { DescribedFace, DescribeRaw } from './ktp-portrait';

/** The middle of the frame tried when the whole frame shows no face (fractions of the width). */
export const SELFIE_CENTRE = { x0: 0.2, x1: 0.8 } as const;

export async function locateSelfieFaces(
  img: RawImage,
  describe: DescribeRaw,
): Promise<{ faces: DescribedFace[]; passes: number }> {
  const faces = await describe(img);
  if (faces.length > 0) return { faces, passes: 1 };
  const x = Math.floor(img.width * SELFIE_CENTRE.x0);
  const centre = { x, y: 0, width: Math.floor(img.width * SELFIE_CENTRE.x1) - x, height: img.height };
  const padded = padWithGrey(crop(img, centre), 2);
  const found = await describe(padded.image);
  return {
    faces: found.map((f) => ({
      ...f,
      box: { ...f.box, x: f.box.x + centre.x - padded.offsetX, y: f.box.y - padded.offsetY },
    })),
    passes: 2,
  };
}
