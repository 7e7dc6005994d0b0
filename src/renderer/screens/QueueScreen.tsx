/**
 * Antrean hari ini: every open application, where it waits and how long — re-read as soon as the
 * office announces a change (another desk acted), and every 30 seconds as a fallback.
 */
import { useCallback, useEffect, useState } from 'react';

import { TIME_ZONES } from '../../shared/domain/office';
import type { QueueView } from '../../shared/domain/queue';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { QueueCounts } from '../components/queue/QueueCounts';
import { QueueFilters, type QueueFilterValue } from '../components/queue/QueueFilters';
import { QueueTable } from '../components/queue/QueueTable';
import { useApp } from '../state/app-store';
import { useLiveUpdates } from '../state/use-live-updates';

export function QueueScreen() {
  const { go, user, office, route } = useApp();
  const [filter, setFilter] = useState<QueueFilterValue>({});
  const [view, setView] = useState<QueueView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(route.name === 'queue' ? (route.notice ?? null) : null);

  const load = useCallback(async (f: QueueFilterValue) => {
    const result = await call('queue.list', f);
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error.message);
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);
  // Any application's move can change the queue; the recap does not.
  useLiveUpdates(
    (event) => event.kind !== 'recap',
    () => void load(filter),
  );

  const zone = office?.timeZone ?? 'WIB';
  const updatedAt = view
    ? new Intl.DateTimeFormat('id-ID', {
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone: TIME_ZONES[zone],
      })
        .format(new Date(view.generatedAt))
        .replace(':', '.')
    : null;

  return (
    <section>
      <div className="page-head">
        <h1>Antrean hari ini</h1>
        <div className="queue-refresh">
          {updatedAt && (
            <span className="muted" data-testid="queue-updated">
              Diperbarui pukul {updatedAt} {zone}
            </span>
          )}
          <button type="button" className="secondary" onClick={() => void load(filter)}>
            Muat ulang
          </button>
        </div>
      </div>
      <ErrorBanner message={error} />
      {notice && (
        <div className="banner banner-ok" role="status">
          {notice}
        </div>
      )}
      {view && (
        <>
          <QueueCounts counts={view.counts} />
          <QueueFilters value={filter} options={view.options} onChange={setFilter} />
          {view.items.length === 0 ? (
            <p className="empty">Tidak ada permohonan terbuka yang cocok dengan saringan.</p>
          ) : (
            <QueueTable
              items={view.items}
              stepActivities={view.stepActivities}
              verifiers={view.options.verifiers}
              canReassign={user?.role === 'kasi'}
              onOpen={(id) => go({ name: 'application', id })}
              onReassigned={(message) => {
                setNotice(message);
                void load(filter);
              }}
              onError={setError}
            />
          )}
          {view.truncated && (
            <p className="hint">
              Ditampilkan {view.items.length} permohonan paling mendesak dari {view.counts.total}. Persempit dengan
              saringan.
            </p>
          )}
        </>
      )}
    </section>
  );
}
