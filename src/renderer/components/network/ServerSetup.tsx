/**
 * "Server kantor — Jadikan PC ini server kantor": which of this PC's LAN addresses the office
 * server listens on (one address, never every interface by default) and its port.
 */
import { useState } from 'react';

import type { HostModeInfo } from '../../../shared/contract/host-channels';
import { Field } from '../Field';

interface Props {
  info: HostModeInfo;
  busy: boolean;
  onStart: (bind: string, port: number) => void;
}

export function ServerSetup({ info, busy, onStart }: Props) {
  const current = info.current.mode === 'server' ? info.current : null;
  const [bind, setBind] = useState(current?.bind ?? info.lanAddresses[0]?.address ?? '');
  const [port, setPort] = useState(String(current?.port ?? info.defaultPort));
  const portNumber = Number(port);
  const portOk = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65_535;
  return (
    <div>
      {info.server && (
        <div className="banner banner-info" role="status">
          Server kantor berjalan di <span className="mono">{info.server.url}</span>. Sidik jari sertifikat (SHA-256):{' '}
          <span className="mono fingerprint">{info.server.fingerprint}</span>
        </div>
      )}
      {!info.canServe ? (
        <p className="banner banner-warn">Versi aplikasi ini belum memuat modul server kantor.</p>
      ) : info.lanAddresses.length === 0 ? (
        <p className="banner banner-warn">PC ini belum tersambung ke jaringan kantor (tidak ada alamat LAN).</p>
      ) : (
        <Field id="server-bind" label="Alamat PC ini di jaringan kantor" required>
          <select id="server-bind" value={bind} onChange={(e) => setBind(e.target.value)}>
            {info.lanAddresses.map((a) => (
              <option key={a.address} value={a.address}>
                {a.address} ({a.interfaceName})
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="server-port" label="Port" error={portOk ? undefined : 'Port 1–65535'} required>
        <input id="server-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
      </Field>
      <button
        type="button"
        className="primary"
        disabled={busy || !info.canServe || !bind || !portOk}
        onClick={() => onStart(bind, portNumber)}
      >
        Jadikan PC ini server kantor dan mulai ulang
      </button>
    </div>
  );
}
