/**
 * Mode jaringan: Satu PC, Server kantor or Meja — chosen at the first start in the desktop app
 * (before the office is set up) and changeable later by the Admin TTE. Changing the mode restarts
 * the app; staying in the mode it runs continues at once.
 */
import { useEffect, useState } from 'react';

import type { HostModeInfo, ModeChoice } from '../../shared/contract/host-channels';
import { ErrorBanner } from '../components/Field';
import { DeskPairing } from '../components/network/DeskPairing';
import { ServerSetup } from '../components/network/ServerSetup';

type Choice = ModeChoice['mode'];

const CARDS: { mode: Choice; title: string; text: string }[] = [
  { mode: 'single', title: 'Satu PC', text: 'Semua peran bekerja di PC ini. Tidak ada yang perlu disiapkan.' },
  {
    mode: 'server',
    title: 'Server kantor — Jadikan PC ini server kantor',
    text: 'PC ini menyimpan data dan berbicara dengan BSrE untuk seluruh kantor; meja lain tersambung ke sini.',
  },
  {
    mode: 'desk',
    title: 'Meja — sambungkan ke server kantor',
    text: 'PC ini tidak menyimpan data; setiap tindakan dikirim ke server kantor yang dipasangkan.',
  },
];

interface Props {
  /** First run: called when Satu PC is kept, so setup follows. */
  onContinue?: () => void;
}

export function NetworkModeScreen({ onContinue }: Props) {
  const [info, setInfo] = useState<HostModeInfo | null>(null);
  const [choice, setChoice] = useState<Choice>('single');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restarting, setRestarting] = useState(false);

  useEffect(() => {
    void window.loketHost?.modeGet().then((r) => {
      if (!r.ok) return setError(r.error.message);
      setInfo(r.value);
      setChoice(r.value.chosen ? r.value.current.mode : 'single');
    });
  }, []);

  const choose = async (next: ModeChoice) => {
    const host = window.loketHost;
    if (!host) return;
    setBusy(true);
    setError(null);
    const result = await host.modeChoose(next);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    if (result.value.relaunching) setRestarting(true);
    else onContinue?.();
  };

  if (!window.loketHost) return <p className="banner banner-info">Mode jaringan diatur di aplikasi desktop.</p>;
  if (restarting)
    return (
      <main className="center-page">
        <p role="status">Mode jaringan disimpan. Aplikasi dimulai ulang…</p>
      </main>
    );
  if (!info) return error ? <ErrorBanner message={error} /> : <p>Memuat…</p>;

  return (
    <section className="network-mode">
      <h1>Mode jaringan</h1>
      {info.current.mode === 'desk' && (
        <p className="banner banner-info" role="status">
          PC ini meja dari server kantor <strong>{info.current.officeName}</strong> di{' '}
          <span className="mono">{info.current.url}</span>; sidik jari yang disematkan{' '}
          <span className="mono fingerprint">{info.current.fingerprint}</span>.
        </p>
      )}
      <ErrorBanner message={error} />
      {!info.canChange && (
        <p className="banner banner-warn">
          Hanya Admin TTE yang dapat mengubah mode jaringan. Masuk sebagai Admin TTE.
        </p>
      )}
      <div role="radiogroup" aria-label="Mode jaringan" className="mode-cards">
        {CARDS.map((card) => (
          <label key={card.mode} className={`card mode-card${choice === card.mode ? ' selected' : ''}`}>
            <input
              type="radio"
              name="network-mode"
              value={card.mode}
              checked={choice === card.mode}
              disabled={!info.canChange}
              onChange={() => setChoice(card.mode)}
            />
            <strong>{card.title}</strong>
            <span className="muted">{card.text}</span>
          </label>
        ))}
      </div>
      {info.canChange && choice === 'single' && (
        <button type="button" className="primary" disabled={busy} onClick={() => void choose({ mode: 'single' })}>
          {info.current.mode === 'single' ? 'Lanjutkan sebagai Satu PC' : 'Gunakan Satu PC dan mulai ulang'}
        </button>
      )}
      {info.canChange && choice === 'server' && (
        <ServerSetup info={info} busy={busy} onStart={(bind, port) => void choose({ mode: 'server', bind, port })} />
      )}
      {info.canChange && choice === 'desk' && (
        <DeskPairing hostName={info.hostName} busy={busy} onUse={() => void choose({ mode: 'desk' })} />
      )}
    </section>
  );
}
