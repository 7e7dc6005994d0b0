/**
 * webcam-easy with the two things the desk needs: choosing a camera by id, and a fallback to a
 * lower resolution when a webcam cannot do 1280×720 (webcam-easy asks for the element's exact size).
 */
import Webcam from 'webcam-easy';

import type { PixelBox } from './guide-crop';

export const PREFERRED = { width: 1280, height: 720 };
export const FALLBACK = { width: 640, height: 480 };

class DeskWebcam extends Webcam {
  useDevice(deviceId: string): void {
    this._selectedDeviceId = deviceId;
  }
}

export interface StartedCamera {
  cameras: MediaDeviceInfo[];
  lowResolution: boolean;
  stop(): void;
}

/** `mirrored`: webcam-easy mirrors every 'user' camera; the KTP view must not be (its text reads backwards). */
export async function startCamera(
  video: HTMLVideoElement,
  deviceId: string | null,
  mirrored: boolean,
): Promise<StartedCamera> {
  for (const size of [PREFERRED, FALLBACK]) {
    video.width = size.width;
    video.height = size.height;
    const cam = new DeskWebcam(video, 'user');
    if (deviceId) cam.useDevice(deviceId);
    try {
      await cam.start();
      video.style.transform = mirrored ? 'scale(-1, 1)' : 'none';
      return { cameras: cam.webcamList, lowResolution: size !== PREFERRED, stop: () => cam.stop() };
    } catch (error) {
      cam.stop();
      if (size === FALLBACK || !(error instanceof Error) || error.name !== 'OverconstrainedError') throw error;
    }
  }
  throw new Error('Kamera tidak dapat dimulai');
}

/**
 * The current frame at the camera's full resolution, unmirrored (what the camera really sees);
 * `region` (video pixels) keeps only that part of it, e.g. the card guide (guide-crop.ts).
 */
export function grabFrame(video: HTMLVideoElement, maxWidth = 1920, region: PixelBox | null = null): HTMLCanvasElement {
  const full = { x: 0, y: 0, width: video.videoWidth || video.width, height: video.videoHeight || video.height };
  const source = region ?? full;
  const scale = Math.min(1, maxWidth / (source.width || 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(source.width * scale);
  canvas.height = Math.round(source.height * scale);
  canvas
    .getContext('2d')
    ?.drawImage(video, source.x, source.y, source.width, source.height, 0, 0, canvas.width, canvas.height);
  return canvas;
}
