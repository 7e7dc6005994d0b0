/** The face match as the verifier reads it: the band in words, the distance, and the warnings. */
import { FACE_BAND_LABELS, type FaceMatchResult } from '../../shared/domain/identity';

export function FaceResultPanel({ face }: { face: FaceMatchResult }) {
  return (
    <section className="panel" aria-label="Hasil pencocokan wajah">
      <h2>Pencocokan wajah</h2>
      {face.band ? (
        <div className={`band band-${face.band}`}>{FACE_BAND_LABELS[face.band]}</div>
      ) : (
        <div className="band band-tidakCocok">Tidak dapat dibandingkan</div>
      )}
      <dl className="facts">
        <dt>Jarak wajah</dt>
        <dd>{face.distance === null ? '–' : face.distance.toFixed(3)}</dd>
        <dt>Ambang</dt>
        <dd>
          cocok &lt; {face.thresholds.match}, perlu diperiksa &lt; {face.thresholds.review}
        </dd>
        <dt>Model</dt>
        <dd>{face.modelVersion}</dd>
      </dl>
      {face.warnings.map((w) => (
        <div key={w} className="warning" role="alert">
          {w}
        </div>
      ))}
      <p className="hint">Skor hanya membantu: keputusan sesuai/tidak sesuai tetap di tangan verifikator.</p>
    </section>
  );
}
