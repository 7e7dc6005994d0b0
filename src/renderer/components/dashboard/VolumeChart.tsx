/** Applications per period as stacked SVG bars by service type, with a legend and a readable table fallback. */
import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from '../../../shared/domain/application';
import type { VolumeBucket } from '../../../shared/domain/dashboard';

const COLOURS: Record<(typeof SERVICE_TYPES)[number], string> = {
  new: '#0b5cab',
  renewal: '#2e9d5b',
  revocation: '#b3261e',
  dataChange: '#b07a00',
  passphraseHelp: '#7a4fb3',
};
const HEIGHT = 180;
const LABEL_SPACE = 34;

export function VolumeChart({ buckets }: { buckets: VolumeBucket[] }) {
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const width = Math.max(640, buckets.length * 26);
  const slot = width / Math.max(1, buckets.length);
  const barWidth = slot * 0.7;
  const labelEvery = Math.ceil(60 / slot);
  return (
    <figure className="volume-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + LABEL_SPACE}`}
        role="img"
        aria-label="Jumlah permohonan per periode menurut jenis layanan"
      >
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} stroke="#d8dee6" />
        {buckets.map((b, i) => {
          const x = (i + 0.15) * slot;
          let y = HEIGHT;
          return (
            <g key={b.start}>
              <title>{`${b.label}: ${b.total} permohonan`}</title>
              {SERVICE_TYPES.map((s) => {
                const n = b.byServiceType[s] ?? 0;
                if (n === 0) return null;
                const h = (n / max) * (HEIGHT - 16);
                y -= h;
                return <rect key={s} x={x} y={y} width={barWidth} height={h} fill={COLOURS[s]} />;
              })}
              {b.total > 0 && (
                <text x={x + barWidth / 2} y={y - 3} textAnchor="middle" fontSize="10" fill="#1c2430">
                  {b.total}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT + 14} textAnchor="middle" fontSize="10" fill="#5b6675">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SERVICE_TYPES.map((s) => (
          <span key={s}>
            <i style={{ background: COLOURS[s] }} aria-hidden="true" /> {SERVICE_TYPE_LABELS[s]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
