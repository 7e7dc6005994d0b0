/** "Ingatkan perpanjangan" for one holder in the recap: the `expiring` message by WhatsApp (or email), logged. */
import { useState } from 'react';

import { MESSAGE_CHANNEL_LABELS, type MessageChannel } from '../../shared/domain/messages';
import { sendMessage } from './send-message';

export function HolderReminderButton({
  holderId,
  channel = 'whatsapp',
}: {
  holderId: string;
  channel?: MessageChannel;
}) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const remind = async () => {
    setBusy(true);
    const r = await sendMessage({ holderId }, 'expiring', channel);
    setBusy(false);
    setNote(
      r.ok
        ? { ok: true, text: r.opened ? `${MESSAGE_CHANNEL_LABELS[channel]} dibuka.` : 'Email pengingat terkirim.' }
        : { ok: false, text: r.message },
    );
  };

  return (
    <span className="holder-reminder">
      <button
        type="button"
        className="secondary"
        onClick={() => void remind()}
        disabled={busy}
        title="Kirim pengingat masa berlaku sertifikat"
      >
        {busy ? 'Mengirim…' : `Ingatkan via ${MESSAGE_CHANNEL_LABELS[channel]}`}
      </button>
      {note && (
        <span className={note.ok ? 'muted' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </span>
      )}
    </span>
  );
}
