/** The recap of TTE users: 100,000 holders searchable, filterable by OPD, status and expiry, importable, exportable, renewable. */
import { useCallback, useState } from 'react';

import type { HolderView } from '../../shared/domain/application';
import type { HolderSort } from '../../shared/domain/recap';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { HolderReminderButton } from '../components/HolderReminderButton';
import { BsreRefresh } from '../components/recap/BsreRefresh';
import { ImportDialog } from '../components/recap/ImportDialog';
import { RecapExport } from '../components/recap/RecapExport';
import { expiryTone, RecapTable } from '../components/recap/RecapTable';
import { RecapToolbar } from '../components/recap/RecapToolbar';
import { DEFAULT_FILTERS, type RecapFilters, useHolderPages } from '../components/recap/use-holder-pages';
import { useApp } from '../state/app-store';

export function HoldersScreen() {
  const role = useApp((s) => s.user?.role);
  const office = useApp((s) => s.office);
  const go = useApp((s) => s.go);
  const [filters, setFilters] = useState<RecapFilters>(DEFAULT_FILTERS);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data = useHolderPages(filters);
  const desk = role === 'kasi' || role === 'verifikator';
  const { reload } = data;
  const onDone = useCallback(() => reload(), [reload]);

  const change = (patch: Partial<RecapFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const sort = (column: HolderSort) =>
    setFilters((f) => ({ ...f, sort: column, direction: f.sort === column && f.direction === 'asc' ? 'desc' : 'asc' }));

  const renew = async (holder: HolderView) => {
    const r = await call('holders.renewalDraft', { holderId: holder.id });
    if (r.ok) go({ name: 'intake', renewal: r.value });
    else setError(r.error.message);
  };

  return (
    <section className="recap">
      <div className="page-head">
        <h1>Rekap pengguna TTE</h1>
        {desk && !importing && (
          <button type="button" className="secondary" onClick={() => setImporting(true)}>
            Impor rekap
          </button>
        )}
      </div>
      {desk && importing && <ImportDialog onClose={() => setImporting(false)} onImported={onDone} />}
      {desk && <BsreRefresh onDone={onDone} />}
      <RecapToolbar filters={filters} data={data} onChange={change} />
      <ErrorBanner message={error ?? data.error} />
      {data.total === 0 ? (
        <p className="empty">
          {filters === DEFAULT_FILTERS
            ? 'Belum ada pemegang sertifikat.'
            : 'Tidak ada pemegang sertifikat yang cocok dengan filter.'}
        </p>
      ) : (
        <RecapTable
          data={data}
          filters={filters}
          onSort={sort}
          zone={office?.timeZone}
          onRenew={desk ? (h) => void renew(h) : undefined}
          renderExtra={
            desk
              ? (h) => expiryTone(h.expiresAt, data.meta?.today) && <HolderReminderButton holderId={h.id} />
              : undefined
          }
        />
      )}
      <RecapExport agency={filters.agency} />
    </section>
  );
}
