/** Loads the recap in windows of PAGE rows as the table scrolls; a filter change starts a fresh cache. */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { HolderView } from '../../../shared/domain/application';
import type { ExpiryWindow, HolderPage, HolderSort } from '../../../shared/domain/recap';
import { call } from '../../api';

export const PAGE = 100;

export interface RecapFilters {
  query: string;
  agency: string;
  bsreStatus: string;
  expiringWithinDays: ExpiryWindow | null;
  sort: HolderSort;
  direction: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: RecapFilters = {
  query: '',
  agency: '',
  bsreStatus: '',
  expiringWithinDays: null,
  sort: 'expiresAt',
  direction: 'asc',
};

export interface HolderPages {
  total: number | null;
  meta: Pick<HolderPage, 'agencies' | 'expiring' | 'today'> | null;
  rowAt(index: number): HolderView | undefined;
  /** Asks for the windows covering [first, last]; already loaded or loading ones are skipped. */
  ensure(first: number, last: number): void;
  error: string | null;
  reload(): void;
}

export function useHolderPages(filters: RecapFilters): HolderPages {
  const [generation, setGeneration] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [meta, setMeta] = useState<HolderPages['meta']>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, HolderView[]>());
  const loading = useRef(new Set<number>());
  const current = useRef(0);
  /** False between a filter change and its first page, so scrolling does not outrun the debounce. */
  const ready = useRef(false);

  const load = useCallback(
    async (pageNo: number, gen: number) => {
      loading.current.add(pageNo);
      const r = await call('holders.list', {
        query: filters.query,
        agency: filters.agency || undefined,
        bsreStatus: filters.bsreStatus || undefined,
        expiringWithinDays: filters.expiringWithinDays ?? undefined,
        sort: filters.sort,
        direction: filters.direction,
        offset: pageNo * PAGE,
        limit: PAGE,
      });
      if (gen !== current.current) return; // a newer filter has replaced this one
      loading.current.delete(pageNo);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setError(null);
      pages.current.set(pageNo, r.value.rows);
      ready.current = true;
      setTotal(r.value.total);
      setMeta({ agencies: r.value.agencies, expiring: r.value.expiring, today: r.value.today });
      setVersion((n) => n + 1);
    },
    [filters],
  );

  useEffect(() => {
    const gen = current.current + 1;
    current.current = gen;
    pages.current = new Map();
    loading.current = new Set();
    ready.current = false;
    const timer = window.setTimeout(() => void load(0, gen), 200);
    return () => window.clearTimeout(timer);
  }, [load, generation]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (!ready.current) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        if (!pages.current.has(p) && !loading.current.has(p)) void load(p, current.current);
      }
    },
    [load],
  );

  return {
    total,
    meta,
    rowAt: (index) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure,
    error,
    reload: () => setGeneration((g) => g + 1),
  };
}
