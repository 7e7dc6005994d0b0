/** Log pesan: every message sent to applicants — when, which template, how, to whom (masked as the role requires), by whom. */
import { useEffect, useState } from 'react';

import {
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_STATUS_LABELS,
  MESSAGE_TEMPLATE_LABELS,
  type MessageLogEntry,
} from '../../shared/domain/messages';
import { formatDateTime } from '../../shared/domain/time';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { useApp } from '../state/app-store';

export function MessagesScreen() {
  const office = useApp((s) => s.office);
  const go = useApp((s) => s.go);
  const [rows, setRows] = useState<MessageLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('messages.log', { limit: 500 }).then((r) => (r.ok ? setRows(r.value) : setError(r.error.message)));
  }, []);

  return (
    <section>
      <h1>Log pesan</h1>
      <p className="muted">Pesan WhatsApp dan email kepada pemohon, terbaru di atas (500 terakhir).</p>
      <ErrorBanner message={error} />
      {rows === null && !error && <p>Memuat log pesan…</p>}
      {rows?.length === 0 && <p className="empty">Belum ada pesan yang dikirim.</p>}
      {rows && rows.length > 0 && (
        <table className="table" data-testid="messages-table">
          <thead>
            <tr>
              <th>Waktu</th>
              <th>Templat</th>
              <th>Saluran</th>
              <th>Penerima</th>
              <th>Pemohon</th>
              <th>Pengirim</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.at, office?.timeZone)}</td>
                <td>{MESSAGE_TEMPLATE_LABELS[m.template]}</td>
                <td>{MESSAGE_CHANNEL_LABELS[m.channel]}</td>
                <td className="mono">{m.to}</td>
                <td>
                  {m.recipientName}
                  {m.applicationId && m.referenceNo && (
                    <div>
                      <button
                        type="button"
                        className="link"
                        onClick={() => go({ name: 'application', id: m.applicationId ?? '' })}
                      >
                        {m.referenceNo}
                      </button>
                    </div>
                  )}
                  {m.holderId && <div className="muted">Rekap pengguna TTE</div>}
                </td>
                <td>{m.sentBy}</td>
                <td>
                  <span className={`message-status message-${m.status}`}>{MESSAGE_STATUS_LABELS[m.status]}</span>
                  {m.error && <div className="field-error">{m.error}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
