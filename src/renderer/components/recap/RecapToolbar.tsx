/** Search, OPD and BSrE status filters, and the "Kedaluwarsa ≤ 30 / 60 / 90 hari" chips with their counts. */
import { BSRE_STATUS_LABELS } from '../../../shared/domain/bsre-status';
import { EXPIRY_WINDOWS, type ExpiryWindow } from '../../../shared/domain/recap';
import type { HolderPages, RecapFilters } from './use-holder-pages';

interface Props {
  filters: RecapFilters;
  data: HolderPages;
  onChange(patch: Partial<RecapFilters>): void;
}

const number = (n: number) => n.toLocaleString('id-ID');

export function RecapToolbar({ filters, data, onChange }: Props) {
  const countOf = (days: ExpiryWindow) => data.meta?.expiring.find((e) => e.days === days)?.count;
  return (
    <div className="recap-toolbar">
      <div className="toolbar">
        <label htmlFor="holder-search">Cari</label>
        <input
          id="holder-search"
          type="search"
          placeholder="Nama, NIP, atau NIK lengkap"
          value={filters.query}
          onChange={(e) => onChange({ query: e.target.value })}
        />
        <label htmlFor="holder-agency">OPD</label>
        <select id="holder-agency" value={filters.agency} onChange={(e) => onChange({ agency: e.target.value })}>
          <option value="">Semua OPD</option>
          {(data.meta?.agencies ?? []).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label htmlFor="holder-status">Status BSrE</label>
        <select
          id="holder-status"
          value={filters.bsreStatus}
          onChange={(e) => onChange({ bsreStatus: e.target.value })}
        >
          <option value="">Semua status</option>
          {Object.entries(BSRE_STATUS_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="recap-chips" role="group" aria-label="Masa berlaku">
        <button
          type="button"
          className={filters.expiringWithinDays === null ? 'chip active' : 'chip'}
          aria-pressed={filters.expiringWithinDays === null}
          onClick={() => onChange({ expiringWithinDays: null })}
        >
          Semua
        </button>
        {EXPIRY_WINDOWS.map((days) => (
          <button
            key={days}
            type="button"
            className={filters.expiringWithinDays === days ? 'chip active' : 'chip'}
            aria-pressed={filters.expiringWithinDays === days}
            onClick={() => onChange({ expiringWithinDays: days })}
          >
            Kedaluwarsa ≤ {days} hari{' '}
            <span className="chip-count">{countOf(days) === undefined ? '…' : number(countOf(days) as number)}</span>
          </button>
        ))}
        <span className="recap-total" role="status">
          {data.total === null ? 'Memuat…' : `${number(data.total)} pengguna`}
        </span>
      </div>
    </div>
  );
}
