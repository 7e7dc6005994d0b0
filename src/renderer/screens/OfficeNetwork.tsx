/**
 * Admin: "Jaringan kantor" — this server's address and certificate fingerprint, one-time pairing
 * codes for new desks, the paired devices (revoke with confirmation), whether the Kepala Dinas and
 * Kabid may use a browser, and the office CA certificate browsers install. On a Satu PC it explains
 * how to make this PC the office server.
 */
import { useCallback, useEffect, useState } from 'react';

import type { DeviceView, NetworkStatus, PairingCodeView } from '../../shared/domain/network';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';

const two = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy HH:mm in the PC's own time. */
export function shortDateTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** 32 colon-separated bytes in four lines of eight, easier to compare aloud. */
function fingerprintLines(fingerprint: string): string[] {
  const bytes = fingerprint.split(':');
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 8) lines.push(bytes.slice(i, i + 8).join(':'));
  return lines;
}

export function OfficeNetworkScreen() {
  const [status, setStatus] = useState<NetworkStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () => void call('network.status', {}).then((r) => (r.ok ? setStatus(r.value) : setError(r.error.message))),
    [],
  );
  useEffect(reload, [reload]);
  if (error) return <ErrorBanner message={error} />;
  if (!status) return <p>Memuat jaringan kantor…</p>;
  return (
    <div className="stack">
      <h1>Jaringan kantor</h1>
      {status.mode === 'single' ? <SinglePcHelp /> : <ServerPanel status={status} onChange={reload} />}
    </div>
  );
}

function SinglePcHelp() {
  return (
    <section className="stack narrow">
      <div className="banner banner-info" role="status">
        PC ini berjalan sebagai Satu PC
      </div>
      <p>
        Semua data dan sambungan ke BSrE ada di PC ini saja. Agar Kasi, Verifikator, Kabid dan Kepala Dinas bekerja dari
        PC masing-masing, jadikan satu PC (yang selalu menyala selama jam kerja) server kantor:
      </p>
      <ol>
        <li>
          Di aplikasi pada PC itu pilih <strong>Jadikan PC ini server kantor</strong>, atau jalankan server tanpa layar:{' '}
          <code className="mono">
            npm run server -- --bind &lt;alamat IP PC&gt; --port 8443 --data &lt;folder data&gt;
          </code>
          .
        </li>
        <li>Buka layar ini lagi di server: alamat dan sidik jari sertifikat server tampil di sini.</li>
        <li>Buat kode pemasangan untuk setiap meja, lalu masukkan alamat server dan kode itu di aplikasi meja.</li>
      </ol>
    </section>
  );
}

function ServerPanel({ status, onChange }: { status: NetworkStatus; onChange: () => void }) {
  return (
    <>
      <section className="stack narrow">
        <h2>Server ini</h2>
        <p>
          Alamat: <strong className="mono">{status.address}</strong>
        </p>
        <div>
          Sidik jari sertifikat (SHA-256) — cocokkan dengan yang tampil di meja saat pemasangan:
          <pre className="mono" aria-label="Sidik jari sertifikat">
            {fingerprintLines(status.fingerprint ?? '').join('\n')}
          </pre>
        </div>
      </section>
      <PairingCodePanel />
      <DevicesPanel onChange={onChange} />
      <BrowserToggle status={status} onChange={onChange} />
      <CaHelp status={status} />
    </>
  );
}

function useSecondsLeft(expiresAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000)) : 0;
}

function PairingCodePanel() {
  const [code, setCode] = useState<PairingCodeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const left = useSecondsLeft(code?.expiresAt ?? null);
  const make = async () => {
    setError(null);
    const r = await call('network.pairingCode', {});
    if (r.ok) setCode(r.value);
    else setError(r.error.message);
  };
  return (
    <section className="stack narrow">
      <h2>Pasang meja baru</h2>
      <ErrorBanner message={error} />
      <p className="muted">
        Kode berlaku 10 menit dan hanya untuk satu meja. Masukkan di aplikasi meja bersama alamat server di atas.
      </p>
      {code && left > 0 && (
        <div className="banner banner-ok" role="status">
          <div className="mono" style={{ fontSize: '2.2rem', letterSpacing: '0.15em' }}>
            {code.code}
          </div>
          Berlaku {Math.floor(left / 60)}:{two(left % 60)} menit lagi.
        </div>
      )}
      {code && left === 0 && <p className="muted">Kode sudah kedaluwarsa. Buat kode baru bila masih diperlukan.</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void make()}>
          Buat kode pemasangan
        </button>
      </div>
    </section>
  );
}

function DevicesPanel({ onChange }: { onChange: () => void }) {
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () => void call('network.devices', {}).then((r) => (r.ok ? setDevices(r.value) : setError(r.error.message))),
    [],
  );
  useEffect(reload, [reload]);
  const revoke = async (device: DeviceView) => {
    if (!window.confirm(`Cabut perangkat "${device.name}"? Pengguna yang masuk di meja itu langsung keluar.`)) return;
    const r = await call('network.revokeDevice', { deviceId: device.id });
    if (!r.ok) setError(r.error.message);
    reload();
    onChange();
  };
  return (
    <section className="stack">
      <h2>Perangkat terpasang</h2>
      <ErrorBanner message={error} />
      {devices.length === 0 ? (
        <p className="muted">Belum ada meja yang dipasangkan.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Nama</th>
              <th>Dipasang</th>
              <th>Terakhir terlihat</th>
              <th>IP terakhir</th>
              <th>Status</th>
              <th>Tindakan</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{shortDateTime(d.pairedAt)}</td>
                <td>{shortDateTime(d.lastSeenAt)}</td>
                <td className="mono">{d.lastIp ?? '—'}</td>
                <td>
                  {d.revokedAt ? (
                    <span className="badge status-rejected">Dicabut {shortDateTime(d.revokedAt)}</span>
                  ) : (
                    <span className="badge status-completed">Aktif</span>
                  )}
                </td>
                <td>
                  {!d.revokedAt && (
                    <button type="button" onClick={() => void revoke(d)}>
                      Cabut
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BrowserToggle({ status, onChange }: { status: NetworkStatus; onChange: () => void }) {
  const [error, setError] = useState<string | null>(null);
  // Shown at once; put back if the server refuses.
  const [allowed, setAllowed] = useState(status.browserAllowed);
  useEffect(() => setAllowed(status.browserAllowed), [status.browserAllowed]);
  const toggle = async (next: boolean) => {
    setError(null);
    setAllowed(next);
    const r = await call('network.updateSettings', { browserAllowed: next });
    if (!r.ok) {
      setError(r.error.message);
      setAllowed(!next);
    }
    onChange();
  };
  return (
    <section className="stack narrow">
      <h2>Browser</h2>
      <ErrorBanner message={error} />
      <div className="field checkbox">
        <input id="network-browser" type="checkbox" checked={allowed} onChange={(e) => void toggle(e.target.checked)} />
        <label htmlFor="network-browser">Izinkan Kepala Dinas dan Kabid memakai browser</label>
      </div>
      <p className="muted">
        Kasi dan Verifikator selalu memakai aplikasi meja yang dipasangkan. Mematikan pilihan ini langsung mengeluarkan
        Kepala Dinas dan Kabid yang sedang masuk lewat browser.
      </p>
    </section>
  );
}

function CaHelp({ status }: { status: NetworkStatus }) {
  const link = status.address && status.caPath ? new URL(status.caPath, status.address).toString() : null;
  return (
    <section className="stack narrow">
      <h2>Sertifikat kantor untuk browser</h2>
      <p>
        Agar browser mempercayai server ini, pasang sertifikat CA kantor sekali di setiap PC yang memakai browser:{' '}
        {link && (
          <a href={link} download>
            unduh sertifikat CA kantor
          </a>
        )}{' '}
        {link && <span className="mono">({link})</span>}
      </p>
      <ol>
        <li>Windows: klik dua kali berkas yang diunduh → Install Certificate.</li>
        <li>
          Pilih Local Machine → Place all certificates in the following store → Trusted Root Certification Authorities.
        </li>
        <li>Selesaikan, lalu tutup dan buka lagi browser. Buka alamat server di atas.</li>
      </ol>
      <p className="muted">
        Aplikasi meja tidak memerlukan langkah ini: meja mengunci sidik jari sertifikat saat dipasangkan.
      </p>
    </section>
  );
}
