/** The recap as a virtualized table: fixed-height rows, a sticky sortable header, windows loaded as they scroll into view. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

import type { HolderView } from '../../../shared/domain/application';
import { bsreStatusLabel } from '../../../shared/domain/bsre-status';
import type { TimeZoneLabel } from '../../../shared/domain/office';
import type { HolderSort } from '../../../shared/domain/recap';
import { formatDate, formatDateTime } from '../../../shared/domain/time';
import type { HolderPages, RecapFilters } from './use-holder-pages';

export const ROW_HEIGHT = 52;

interface Column {
  label: string;
  sort?: HolderSort;
}
const COLUMNS: Column[] = [
  { label: 'Nama · jabatan', sort: 'name' },
  { label: 'NIK · NIP' },
  { label: 'OPD', sort: 'agency' },
  { label: 'Email dinas · HP' },
  { label: 'Tanggal terbit', sort: 'issuedAt' },
  { label: 'Berlaku s.d.', sort: 'expiresAt' },
  { label: 'Status BSrE', sort: 'bsreStatus' },
  { label: '' },
];

/** 'expired' before today, 'soon' within 30 days, else null — the same days the core counts. */
export function expiryTone(expiresAt: string, today: string | undefined): 'expired' | 'soon' | null {
  if (!today) return null;
  if (expiresAt < today) return 'expired';
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + 30);
  return expiresAt <= limit.toISOString().slice(0, 10) ? 'soon' : null;
}

interface Props {
  data: HolderPages;
  filters: RecapFilters;
  onSort(sort: HolderSort): void;
  zone: TimeZoneLabel | undefined;
  /** Shown for desk roles only. */
  onRenew?(holder: HolderView): void;
  renderExtra?(holder: HolderView): React.ReactNode;
}

export function RecapTable({ data, filters, onSort, zone, onRenew, renderExtra }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = data.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const { ensure } = data;
  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [ensure, first, last, count]);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [filters]);

  const today = data.meta?.today;
  return (
    <div
      className="recap-scroll"
      ref={scroller}
      role="table"
      aria-label="Rekap pengguna TTE"
      aria-rowcount={count + 1}
      // A scroll box: reachable by Tab so the keyboard can scroll it.
      tabIndex={0}
    >
      <div className="recap-row recap-head" role="row">
        {COLUMNS.map((c) => (
          <div
            key={c.label || 'aksi'}
            role="columnheader"
            aria-sort={
              c.sort && filters.sort === c.sort ? (filters.direction === 'asc' ? 'ascending' : 'descending') : undefined
            }
          >
            {c.sort ? (
              <button type="button" className="recap-sort" onClick={() => onSort(c.sort as HolderSort)}>
                {c.label}
                {filters.sort === c.sort && <span aria-hidden="true">{filters.direction === 'asc' ? ' ▲' : ' ▼'}</span>}
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      <div className="recap-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const h = data.rowAt(item.index);
          const tone = h ? expiryTone(h.expiresAt, today) : null;
          return (
            <div
              key={item.key}
              className="recap-row"
              role="row"
              aria-rowindex={item.index + 2}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              {h ? (
                <>
                  <div role="cell">
                    <span className="recap-name">{h.name}</span>
                    <span className="recap-sub">{h.position || '–'}</span>
                  </div>
                  <div role="cell" className="mono">
                    <span>{h.nik}</span>
                    <span className="recap-sub">{h.nip}</span>
                  </div>
                  <div role="cell" title={h.agency}>
                    {h.agency}
                  </div>
                  <div role="cell">
                    <span>{h.officialEmail ?? '–'}</span>
                    <span className="recap-sub mono">{h.phone || '–'}</span>
                  </div>
                  <div role="cell">{formatDate(h.issuedAt)}</div>
                  <div role="cell" className={tone ? `recap-expiry recap-expiry-${tone}` : 'recap-expiry'}>
                    <span>{formatDate(h.expiresAt)}</span>
                    {tone && (
                      <span className="recap-sub">{tone === 'expired' ? 'sudah kedaluwarsa' : '≤ 30 hari lagi'}</span>
                    )}
                  </div>
                  <div role="cell">
                    <span title={h.bsreStatus}>
                      {h.bsreStatus ? bsreStatusLabel(h.bsreStatus) : ''}
                      {h.bsreMismatch && (
                        <span className="warning" title="Status BSrE tidak sesuai dengan tanggal di rekap">
                          {' '}
                          ⚠ tidak sesuai
                        </span>
                      )}
                    </span>
                    <span className="recap-sub">
                      {h.bsreCheckedAt ? formatDateTime(h.bsreCheckedAt, zone) : 'belum diperiksa'}
                    </span>
                  </div>
                  <div role="cell" className="recap-actions">
                    {onRenew && (
                      <button type="button" className="secondary small" onClick={() => onRenew(h)}>
                        Ajukan perpanjangan
                      </button>
                    )}
                    {renderExtra?.(h)}
                  </div>
                </>
              ) : (
                <div role="cell" className="muted recap-loading">
                  Memuat…
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
