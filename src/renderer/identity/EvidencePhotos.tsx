/**
 * The decision's evidence side by side: the portrait on the KTP (cut from the stored card image)
 * and the selfie, large enough to compare by eye, with the face band between them. Both images
 * come through `documents.get` (audited) and live only as object URLs while the screen is open.
 */
import { useEffect, useRef, useState } from 'react';

import { call } from '../api';

/** Where the e-KTP prints the portrait, as fractions of the card (with a small margin). */
const PORTRAIT = { x0: 0.67, y0: 0.14, x1: 0.97, y1: 0.78 };
/** A camera frame (not card-shaped) holds the card inside the viewfinder's frame guide. */
const GUIDE = { x0: 0.12, y0: 0.14, x1: 0.88, y1: 0.86 };
const CARD_RATIO = 85.6 / 54;

function useDocumentUrl(id: string): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    void call('documents.get', { id }).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setState({ url: null, error: r.error.message });
      const bytes = Uint8Array.from(atob(r.value.dataBase64), (c) => c.charCodeAt(0));
      url = URL.createObjectURL(new Blob([bytes], { type: r.value.mimeType }));
      setState({ url, error: null });
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return state;
}

type FractionBox = { x: number; y: number; width: number; height: number };

/**
 * Draws the KTP portrait into the canvas: around the face the engine found on the card (with the
 * head and shoulders of an ID photo), else the printed portrait area of a card-shaped image, else
 * that area inside the viewfinder's frame guide.
 */
function drawPortrait(canvas: HTMLCanvasElement, img: HTMLImageElement, face: FractionBox | undefined): void {
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  let box: { x: number; y: number; w: number; h: number };
  if (face) {
    const cx = (face.x + face.width / 2) * w;
    const cy = (face.y + face.height / 2) * h;
    const bw = face.width * w * 2;
    box = { x: cx - bw / 2, y: cy - bw * 0.6, w: bw, h: bw * (4 / 3) };
  } else {
    const cardShaped = Math.abs(w / h - CARD_RATIO) < 0.2;
    const card = cardShaped
      ? { x: 0, y: 0, w, h }
      : { x: GUIDE.x0 * w, y: GUIDE.y0 * h, w: (GUIDE.x1 - GUIDE.x0) * w, h: (GUIDE.y1 - GUIDE.y0) * h };
    box = {
      x: card.x + PORTRAIT.x0 * card.w,
      y: card.y + PORTRAIT.y0 * card.h,
      w: (PORTRAIT.x1 - PORTRAIT.x0) * card.w,
      h: (PORTRAIT.y1 - PORTRAIT.y0) * card.h,
    };
  }
  canvas.height = Math.round(canvas.width * (4 / 3));
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#777';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // Fit the box into the 3:4 canvas without distortion.
  const scale = Math.min(canvas.width / box.w, canvas.height / box.h);
  const dw = box.w * scale;
  const dh = box.h * scale;
  ctx.drawImage(img, box.x, box.y, box.w, box.h, (canvas.width - dw) / 2, (canvas.height - dh) / 2, dw, dh);
}

export function EvidencePhotos({
  ktpDocumentId,
  selfieDocumentId,
  ktpFaceBox,
}: {
  ktpDocumentId: string;
  selfieDocumentId: string;
  ktpFaceBox?: FractionBox;
}) {
  const ktp = useDocumentUrl(ktpDocumentId);
  const selfie = useDocumentUrl(selfieDocumentId);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [wholeCard, setWholeCard] = useState(false);

  useEffect(() => {
    if (!ktp.url || wholeCard) return;
    const img = new Image();
    img.onload = () => canvas.current && drawPortrait(canvas.current, img, ktpFaceBox);
    img.src = ktp.url;
  }, [ktp.url, wholeCard, ktpFaceBox]);

  return (
    <section className="evidence-photos" aria-label="Foto KTP dan swafoto">
      <figure>
        {wholeCard && ktp.url ? (
          <img src={ktp.url} alt="KTP utuh" className="evidence-card" />
        ) : (
          <canvas ref={canvas} width={300} role="img" aria-label="Foto pada KTP" />
        )}
        <figcaption>
          Foto pada KTP{' '}
          <button type="button" className="link" onClick={() => setWholeCard((v) => !v)}>
            {wholeCard ? 'Tampilkan foto saja' : 'Lihat KTP utuh'}
          </button>
        </figcaption>
        {ktp.error && <p className="field-error">{ktp.error}</p>}
      </figure>
      <figure>
        {selfie.url && <img src={selfie.url} alt="Swafoto pemohon" />}
        <figcaption>Swafoto pemohon</figcaption>
        {selfie.error && <p className="field-error">{selfie.error}</p>}
      </figure>
    </section>
  );
}
