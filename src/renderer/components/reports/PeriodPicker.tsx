/** Picks the report period: a month, a quarter (triwulan) or a year. */
import { MONTH_NAMES, type ReportPeriod } from '../../../shared/domain/reports';

const KIND_LABELS = { month: 'Bulanan', quarter: 'Triwulanan', year: 'Tahunan' } as const;
const QUARTERS = ['I (Januari–Maret)', 'II (April–Juni)', 'III (Juli–September)', 'IV (Oktober–Desember)'];

export function PeriodPicker({ value, onChange }: { value: ReportPeriod; onChange: (p: ReportPeriod) => void }) {
  const month = value.kind === 'month' ? value.month : 1;
  const quarter = value.kind === 'quarter' ? value.quarter : 1;

  function setKind(kind: ReportPeriod['kind']) {
    if (kind === 'month') onChange({ kind, year: value.year, month });
    else if (kind === 'quarter')
      onChange({ kind, year: value.year, quarter: value.kind === 'month' ? Math.ceil(month / 3) : quarter });
    else onChange({ kind, year: value.year });
  }

  function setYear(year: number) {
    if (Number.isInteger(year)) onChange({ ...value, year });
  }

  return (
    <div className="period-picker" role="group" aria-label="Periode laporan">
      <label>
        Jenis periode
        <select
          aria-label="Jenis periode"
          value={value.kind}
          onChange={(e) => setKind(e.target.value as ReportPeriod['kind'])}
        >
          {Object.entries(KIND_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {value.kind === 'month' && (
        <label>
          Bulan
          <select
            aria-label="Bulan"
            value={value.month}
            onChange={(e) => onChange({ ...value, month: Number(e.target.value) })}
          >
            {MONTH_NAMES.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {value.kind === 'quarter' && (
        <label>
          Triwulan
          <select
            aria-label="Triwulan"
            value={value.quarter}
            onChange={(e) => onChange({ ...value, quarter: Number(e.target.value) })}
          >
            {QUARTERS.map((name, i) => (
              <option key={name} value={i + 1}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Tahun
        <input
          aria-label="Tahun"
          type="number"
          min={2000}
          max={2100}
          value={value.year}
          onChange={(e) => setYear(Number(e.target.value))}
        />
      </label>
    </div>
  );
}
