/** The queue's count tiles: how many are open, how they stand against the standard, who they wait on. */
import type { QueueCounts as Counts } from '../../../shared/domain/queue';

const TILES: { key: keyof Counts; label: string; tone: string; icon: string }[] = [
  { key: 'total', label: 'Permohonan terbuka', tone: 'total', icon: '▤' },
  { key: 'onTime', label: 'Tepat waktu', tone: 'onTime', icon: '✓' },
  { key: 'near', label: 'Mendekati batas', tone: 'near', icon: '◑' },
  { key: 'overdue', label: 'Terlambat', tone: 'overdue', icon: '⚠' },
  { key: 'waitingOnApplicant', label: 'Menunggu pemohon', tone: 'wait', icon: '↩' },
  { key: 'waitingOnOffice', label: 'Menunggu kantor', tone: 'wait', icon: '⌂' },
  { key: 'waitingOnBsre', label: 'Menunggu BSrE', tone: 'wait', icon: '⇄' },
];

export function QueueCounts({ counts }: { counts: Counts }) {
  return (
    <ul className="count-tiles" aria-label="Ringkasan antrean">
      {TILES.map((t) => (
        <li key={t.key} className={`count-tile tile-${t.tone}`} data-testid={`count-${t.key}`}>
          <span className="count-value">{counts[t.key]}</span>
          <span className="count-label">
            <span aria-hidden="true">{t.icon}</span> {t.label}
          </span>
        </li>
      ))}
    </ul>
  );
}
