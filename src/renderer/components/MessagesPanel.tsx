/** "Kirim pesan ke pemohon" on an application: the fitting template, its preview, send by WhatsApp or email, and what was sent. */
import { useCallback, useEffect, useMemo, useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import {
  applicationFacts,
  type ComposedMessage,
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_STATUS_LABELS,
  MESSAGE_TEMPLATE_LABELS,
  MESSAGE_TEMPLATES,
  type MessageChannel,
  type MessageLogEntry,
  type MessageTemplate,
  whyNotApplicable,
} from '../../shared/domain/messages';
import { canSeePersonalData } from '../../shared/domain/roles';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { useApp } from '../state/app-store';
import { sendMessage } from './send-message';

export function MessagesPanel({ app }: { app: ApplicationDetail }) {
  const user = useApp((s) => s.user);
  const office = useApp((s) => s.office);
  const [entries, setEntries] = useState<MessageLogEntry[]>([]);
  const canSend = Boolean(user && canSeePersonalData(user.role));

  const loadLog = useCallback(async () => {
    const r = await call('messages.log', { applicationId: app.id, limit: 20 });
    if (r.ok) setEntries(r.value);
  }, [app.id]);

  useEffect(() => {
    void loadLog();
  }, [loadLog]);

  return (
    <section className="panel messages-panel" aria-label="Kirim pesan ke pemohon">
      <h2>Kirim pesan ke pemohon</h2>
      {canSend && <Composer app={app} onSent={() => void loadLog()} />}
      <h3>Pesan terkirim</h3>
      {entries.length === 0 ? (
        <p className="muted">Belum ada pesan untuk permohonan ini.</p>
      ) : (
        <ul className="message-log" data-testid="message-log">
          {entries.map((e) => (
            <li key={e.id}>
              <span className="muted">{formatDateTime(e.at, office?.timeZone)}</span> ·{' '}
              {MESSAGE_TEMPLATE_LABELS[e.template]} · {MESSAGE_CHANNEL_LABELS[e.channel]} ·{' '}
              <span className={`message-status message-${e.status}`}>{MESSAGE_STATUS_LABELS[e.status]}</span>
              <div className="muted">
                oleh {e.sentBy}
                {e.error && ` — ${e.error}`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Composer({ app, onSent }: { app: ApplicationDetail; onSent: () => void }) {
  const facts = useMemo(() => applicationFacts(app), [app]);
  const fitting = MESSAGE_TEMPLATES.filter((t) => whyNotApplicable(t, facts) === null);
  const [template, setTemplate] = useState<MessageTemplate | null>(fitting[0] ?? null);
  const [preview, setPreview] = useState<ComposedMessage | null>(null);
  const [busy, setBusy] = useState<MessageChannel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const chosen = template && fitting.includes(template) ? template : (fitting[0] ?? null);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    void (async () => {
      let r = await call('messages.compose', { applicationId: app.id, template: chosen, channel: 'whatsapp' });
      if (!r.ok && r.error.code === 'PHONE_REQUIRED')
        r = await call('messages.compose', { applicationId: app.id, template: chosen, channel: 'email' });
      if (!live) return;
      setPreview(r.ok ? r.value : null);
      setError(r.ok ? null : r.error.message);
    })();
    return () => {
      live = false;
    };
  }, [app.id, chosen]);

  if (!chosen) return <p className="muted">Tidak ada templat pesan yang sesuai dengan keadaan permohonan ini.</p>;

  const send = async (channel: MessageChannel) => {
    setBusy(channel);
    setDone(null);
    const r = await sendMessage({ applicationId: app.id }, chosen, channel);
    setBusy(null);
    onSent();
    if (!r.ok) return setError(r.message);
    setError(null);
    setDone(
      r.opened
        ? `${MESSAGE_CHANNEL_LABELS[channel]} dibuka untuk mengirim "${MESSAGE_TEMPLATE_LABELS[chosen]}".`
        : `Email "${MESSAGE_TEMPLATE_LABELS[chosen]}" terkirim ke ${r.entry.to}.`,
    );
  };

  return (
    <div className="message-composer">
      <div className="field">
        <label htmlFor="message-template">Templat pesan</label>
        <select id="message-template" value={chosen} onChange={(e) => setTemplate(e.target.value as MessageTemplate)}>
          {MESSAGE_TEMPLATES.map((t) => {
            const why = whyNotApplicable(t, facts);
            return (
              <option key={t} value={t} disabled={why !== null} title={why ?? undefined}>
                {MESSAGE_TEMPLATE_LABELS[t]}
                {why ? ' (tidak sesuai)' : ''}
              </option>
            );
          })}
        </select>
      </div>
      {preview && (
        <div className="message-preview" aria-label="Pratinjau pesan">
          <strong>{preview.subject}</strong>
          {/* A scroll box: focusable so the keyboard can scroll it too. */}
          <div className="email-body" tabIndex={0} role="region" aria-label="Isi pesan">
            {preview.body}
          </div>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="banner banner-ok" role="status">
          {done}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void send('whatsapp')} disabled={busy !== null}>
          {busy === 'whatsapp' ? 'Membuka…' : 'Kirim via WhatsApp'}
        </button>
        <button type="button" className="secondary" onClick={() => void send('email')} disabled={busy !== null}>
          {busy === 'email' ? 'Mengirim…' : 'Kirim via email'}
        </button>
      </div>
    </div>
  );
}
