/**
 * Guided capture for the identity desk: camera choice, a card frame (KTP) or a face oval (selfie),
 * live quality hints, auto-capture once the frame has been good for a moment, manual capture,
 * retake, or an uploaded scan instead. Hands a JPEG to `onCapture` (the KTP cropped to the card
 * guide, guide-crop.ts); keeps no copy afterwards.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { assessFrame, FRAME_HINT_TEXT, type FrameHint } from '../../shared/identity/frame-quality';
import { fileToBase64 } from '../forms/server-errors';
import { grabFrame, startCamera } from './desk-webcam';
import { CARD_GUIDE, guideInFrame, guideStyle } from './guide-crop';

export interface CapturedImage {
  fileName: string;
  mimeType: 'image/jpeg' | 'image/png';
  dataBase64: string;
}

interface Props {
  mode: 'card' | 'face';
  busy: boolean;
  onCapture: (image: CapturedImage, how: 'auto' | 'manual' | 'upload') => void;
  /** For the selfie: asks the core about faces in a small preview frame (no face, several, too small). */
  checkFaces?: (frame: CapturedImage) => Promise<FrameHint[]>;
}

const GOOD_FOR_MS = 1200;
const SAMPLE = { width: 160, height: 90 };

const FACE_CHECK_EVERY_MS = 900;
const FACE_FRAME = { width: 480, height: 270 };

export function CameraCapture({ mode, busy, onCapture, checkFaces }: Props) {
  const [faceHints, setFaceHints] = useState<FrameHint[] | null>(checkFaces ? ['noFace'] : null);
  const video = useRef<HTMLVideoElement>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [hints, setHints] = useState<FrameHint[]>([]);
  const [ready, setReady] = useState(false);
  const [lowRes, setLowRes] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [auto, setAuto] = useState(true);
  const goodSince = useRef<number | null>(null);
  const faceHintsRef = useRef<FrameHint[] | null>(faceHints);
  faceHintsRef.current = faceHints;

  useEffect(() => {
    if (!checkFaces || !ready || busy) return;
    let running = false;
    const timer = window.setInterval(() => {
      const el = video.current;
      if (!el || running || el.readyState < 2) return;
      running = true;
      const small = document.createElement('canvas');
      small.width = FACE_FRAME.width;
      small.height = FACE_FRAME.height;
      small.getContext('2d')?.drawImage(el, 0, 0, FACE_FRAME.width, FACE_FRAME.height);
      const dataBase64 = small.toDataURL('image/jpeg', 0.8).replace(/^data:[^,]*,/, '');
      checkFaces({ fileName: 'pratinjau.jpg', mimeType: 'image/jpeg', dataBase64 })
        .then(setFaceHints)
        .catch(() => setFaceHints(null))
        .finally(() => {
          running = false;
        });
    }, FACE_CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [checkFaces, ready, busy]);

  const capture = useCallback(
    (how: 'auto' | 'manual') => {
      const el = video.current;
      if (!el) return;
      // The KTP: only what lies under the card guide (and a margin), not the desk around it.
      const region =
        mode === 'card'
          ? guideInFrame(
              { width: el.clientWidth, height: el.clientHeight },
              { width: el.videoWidth, height: el.videoHeight },
            )
          : null;
      const jpeg = grabFrame(el, 1920, region).toDataURL('image/jpeg', 0.92);
      onCapture(
        {
          fileName: `${mode === 'card' ? 'ktp' : 'swafoto'}-kamera.jpg`,
          mimeType: 'image/jpeg',
          dataBase64: jpeg.replace(/^data:[^,]*,/, ''),
        },
        how,
      );
    },
    [mode, onCapture],
  );

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let stopped = false;
    let stop: (() => void) | null = null;
    // The selfie preview is mirrored (people expect a mirror); the KTP is shown as the camera sees it.
    startCamera(el, deviceId, mode === 'face')
      .then((started) => {
        if (stopped) return started.stop();
        stop = started.stop;
        setCameras(started.cameras);
        setLowRes(started.lowResolution);
        setReady(true);
        setError(null);
      })
      .catch((e: unknown) =>
        setError(
          `Kamera tidak dapat dibuka (${e instanceof Error ? e.message : String(e)}). Gunakan "Unggah hasil pindai".`,
        ),
      );
    return () => {
      stopped = true;
      stop?.();
      setReady(false);
    };
  }, [deviceId, mode]);

  useEffect(() => {
    if (!ready || busy) return;
    const sample = document.createElement('canvas');
    sample.width = SAMPLE.width;
    sample.height = SAMPLE.height;
    const ctx = sample.getContext('2d', { willReadFrequently: true });
    const timer = window.setInterval(() => {
      const el = video.current;
      if (!el || !ctx || el.readyState < 2) return;
      ctx.drawImage(el, 0, 0, SAMPLE.width, SAMPLE.height);
      const found = [
        ...assessFrame(ctx.getImageData(0, 0, SAMPLE.width, SAMPLE.height), mode).hints,
        ...(faceHintsRef.current ?? []),
      ];
      setHints(found);
      const now = Date.now();
      if (found.length > 0) goodSince.current = null;
      else goodSince.current ??= now;
      if (auto && goodSince.current !== null && now - goodSince.current >= GOOD_FOR_MS) {
        goodSince.current = null;
        capture('auto');
      }
    }, 200);
    return () => window.clearInterval(timer);
  }, [ready, busy, mode, auto, capture]);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (!['image/jpeg', 'image/png'].includes(file.type)) return setError('Hasil pindai harus berupa JPEG atau PNG.');
    onCapture(
      { fileName: file.name, mimeType: file.type as CapturedImage['mimeType'], dataBase64: await fileToBase64(file) },
      'upload',
    );
  };

  const good = ready && hints.length === 0;
  return (
    <div className="camera">
      {/* Mode classes are prefixed: a bare `card` would pick up the generic `.card` panel style. */}
      <div className={`viewfinder viewfinder-${mode}`}>
        <video ref={video} muted playsInline aria-label={mode === 'card' ? 'Kamera KTP' : 'Kamera swafoto'} />
        <div
          className={`frame-guide frame-guide-${mode} ${good ? 'good' : ''}`}
          style={mode === 'card' ? guideStyle(CARD_GUIDE) : undefined}
          aria-hidden="true"
        />
      </div>
      <div className="camera-status" role="status" aria-live="polite">
        {busy
          ? 'Memproses gambar…'
          : !ready
            ? 'Menyalakan kamera…'
            : good
              ? auto
                ? '✓ Bagus — tahan sebentar, foto diambil otomatis'
                : '✓ Bagus'
              : hints.map((h) => FRAME_HINT_TEXT[h]).join(' · ')}
        {lowRes && <div className="warning">Kamera hanya mendukung resolusi rendah; hasil OCR bisa kurang baik.</div>}
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary big" disabled={!ready || busy} onClick={() => capture('manual')}>
          Ambil foto
        </button>
        <label className="check">
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Ambil otomatis
        </label>
        {cameras.length > 1 && (
          <select
            aria-label="Pilih kamera"
            value={deviceId ?? ''}
            onChange={(e) => setDeviceId(e.target.value || null)}
          >
            <option value="">Kamera bawaan</option>
            {cameras.map((c, i) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || `Kamera ${i + 1}`}
              </option>
            ))}
          </select>
        )}
        <label className="secondary upload-label">
          Unggah hasil pindai
          <input type="file" accept="image/jpeg,image/png" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
      </div>
    </div>
  );
}
