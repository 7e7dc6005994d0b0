/**
 * Admin: tells that the core does not trust the PC's clock (it jumped far from the last recorded
 * time) and that the retention purge and backup pruning wait; "Jam sudah benar" confirms it.
 */
import { useEffect, useState } from 'react';

import type { ClockHold } from '../../shared/domain/clock';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { useApp } from '../state/app-store';

export function ClockHoldBanner() {
  const zone = useApp((s) => s.office?.timeZone);
  const [hold, setHold] = useState<ClockHold | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('clock.status', {}).then((r) => r.ok && setHold(r.value.hold));
  }, []);
  if (!hold) return null;
  const confirm = async () => {
    const r = await call('clock.confirm', {});
    if (!r.ok) return setError(r.error.message);
    setHold(r.value.hold);
  };
  return (
    <div className="banner banner-warn" role="alert" data-testid="clock-hold">
      <p>
        Jam komputer tampak {hold.kind === 'ahead' ? 'maju' : 'mundur'} jauh: {formatDateTime(hold.observedAt, zone)}{' '}
        dibanding catatan terakhir {formatDateTime(hold.reference, zone)}. Penghapusan berkas terjadwal dan pemangkasan
        cadangan ditahan. Periksa jam dan tanggal komputer; bila sudah benar, pastikan di sini.
      </p>
      {error && <p>{error}</p>}
      <button type="button" onClick={() => void confirm()}>
        Jam sudah benar
      </button>
    </div>
  );
}
