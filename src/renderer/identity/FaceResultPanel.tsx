/** The face match as the verifier reads it: the band in words as the headline, the figures and model in a detail line, the warnings. */
import { FACE_BAND_LABELS, type FaceMatchResult } from '../../shared/domain/identity';

const decimal = (n: number) => n.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

export function FaceResultPanel({ face }: { face: FaceMatchResult }) {
  return (
    <section className="face-result" aria-label="Hasil pencocokan wajah">
      <h2 className="visually-hidden">Pencocokan wajah</h2>
      {face.band ? (
        <div className={`band band-${face.band}`}>{FACE_BAND_LABELS[face.band]}</div>
      ) : (
        <div className="band band-tidakCocok">Tidak dapat dibandingkan</div>
      )}
      <p className="face-figures">
        Jarak wajah <strong>{face.distance === null ? '–' : decimal(face.distance)}</strong> (cocok &lt;{' '}
        {decimal(face.thresholds.match)}, perlu diperiksa &lt; {decimal(face.thresholds.review)})
      </p>
      <p className="hint face-model">Model: {face.modelVersion}</p>
      {face.warnings.map((w) => (
        <div key={w} className="warning" role="alert">
          {w}
        </div>
      ))}
      <p className="hint">Skor hanya membantu: keputusan sesuai/tidak sesuai tetap di tangan verifikator.</p>
    </section>
  );
}
