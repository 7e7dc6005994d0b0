/**
 * The three licensed test faces (see /work/shared/fixtures/faces/LICENSES.md) and where the head
 * is in each photo, so the ID-photo crop on the card and the webcam-style selfies frame the same
 * person the same way. Boxes are in source pixels and were measured by eye on the originals.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FACE_IDS = ['astronaut', 'grace_hopper', 'camera'] as const;
export type FaceId = (typeof FACE_IDS)[number];

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FaceSource {
  id: FaceId;
  file: string;
  /** Head and shoulders, 3:4 (width:height), as on an ID photo. */
  idCrop: Box;
  /** A looser box around head and upper body for webcam-style selfies. */
  selfieCrop: Box;
  licence: string;
}

/** Where the photos live; override with KTP_FACES_DIR. */
export function facesDir(): string {
  return resolve(process.env.KTP_FACES_DIR ?? '/work/shared/fixtures/faces');
}

export const FACES: Record<FaceId, Omit<FaceSource, 'file'> & { fileName: string }> = {
  astronaut: {
    id: 'astronaut',
    fileName: 'astronaut.png',
    idCrop: { left: 105, top: 0, width: 240, height: 320 },
    selfieCrop: { left: 60, top: 0, width: 330, height: 360 },
    licence: 'public domain (NASA portrait of Eileen Collins)',
  },
  grace_hopper: {
    id: 'grace_hopper',
    fileName: 'grace_hopper.jpg',
    idCrop: { left: 97, top: 0, width: 330, height: 440 },
    selfieCrop: { left: 50, top: 0, width: 420, height: 470 },
    licence: 'public domain (US Navy photograph of Grace Hopper)',
  },
  camera: {
    id: 'camera',
    fileName: 'camera.png',
    idCrop: { left: 105, top: 20, width: 210, height: 280 },
    selfieCrop: { left: 70, top: 10, width: 320, height: 350 },
    licence: 'CC0 ("cameraman", as distributed by scikit-image)',
  },
};

export function faceSource(id: FaceId): FaceSource {
  const f = FACES[id];
  const file = join(facesDir(), f.fileName);
  if (!existsSync(file)) throw new Error(`face photo not found: ${file} (set KTP_FACES_DIR)`);
  return { id, file, idCrop: f.idCrop, selfieCrop: f.selfieCrop, licence: f.licence };
}
