/**
 * "Meja — sambungkan ke server kantor": the server's address and the Admin's one-time code; after
 * pairing it shows the certificate fingerprint it pinned (to compare with the one on the server's
 * screen) and the office name, then the desk restarts connected to that server.
 */
import { type FormEvent, useState } from 'react';

import type { PairView } from '../../../shared/contract/host-channels';
import { ErrorBanner, Field } from '../Field';

interface Props {
  hostName: string;
  busy: boolean;
  onUse: () => void;
}

export function DeskPairing({ hostName, busy, onUse }: Props) {
  const [url, setUrl] = useState('https://192.168.1.10:4443');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(`Meja ${hostName}`);
  const [pairing, setPairing] = useState(false);
  const [paired, setPaired] = useState<PairView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const pair = async (event: FormEvent) => {
    event.preventDefault();
    const host = window.loketHost;
    if (!host) return;
    setPairing(true);
    setError(null);
    const result = await host.pair({ url, code, deviceName });
    setPairing(false);
    if (result.ok) {
      setPaired(result.value);
      setFields({});
    } else {
      setError(result.error.message);
      setFields(result.error.fields ?? {});
    }
  };

  if (paired)
    return (
      <div className="network-paired" data-testid="desk-paired">
        <p>
          Terpasang dengan server kantor <strong>{paired.officeName}</strong> di{' '}
          <span className="mono">{paired.url}</span>.
        </p>
        <p>Sidik jari sertifikat server (SHA-256) yang disematkan — cocokkan dengan yang tampil di layar server:</p>
        <p className="mono fingerprint">{paired.fingerprint}</p>
        <button type="button" className="primary" disabled={busy} onClick={onUse}>
          Gunakan PC ini sebagai meja dan mulai ulang
        </button>
      </div>
    );

  return (
    <form onSubmit={pair} aria-label="Pasangkan meja dengan server kantor">
      <ErrorBanner message={error} />
      <Field id="pair-url" label="Alamat server kantor" error={fields.url} required>
        <input id="pair-url" value={url} onChange={(e) => setUrl(e.target.value)} inputMode="url" />
      </Field>
      <Field
        id="pair-code"
        label="Kode pemasangan"
        hint="Kode sekali pakai dari Admin TTE di layar server (berlaku 10 menit)."
        error={fields.code}
        required
      >
        <input id="pair-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="pair-name" label="Nama meja ini" error={fields.deviceName} required>
        <input id="pair-name" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} />
      </Field>
      <button type="submit" className="primary" disabled={pairing || busy}>
        {pairing ? 'Memasangkan…' : 'Pasangkan'}
      </button>
    </form>
  );
}
