/** Taking back a returned application: what the applicant completed, with any new documents. */
import { type FormEvent, useState } from 'react';

import type { ApplicationDetail } from '../../shared/domain/application';
import { DOCUMENT_KINDS } from '../../shared/sop/template';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { DocumentInputs, type DocumentSlots } from './DocumentInputs';

export function ResubmitForm({ app, onDone }: { app: ApplicationDetail; onDone: (next: ApplicationDetail) => void }) {
  const [note, setNote] = useState('');
  const [documents, setDocuments] = useState<DocumentSlots>({});
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await call('applications.resubmit', {
      applicationId: app.id,
      note,
      documents: Object.values(documents),
    });
    if (result.ok) onDone(result.value);
    else {
      setError(result.error.message);
      setFieldError(result.error.fields?.note);
    }
  };

  return (
    <form className="action-panel" onSubmit={submit}>
      <h2>Terima berkas perbaikan</h2>
      <p>
        Dikembalikan karena: <strong>{app.returnReason}</strong>
      </p>
      <ErrorBanner message={error} />
      <Field id="resubmit-note" label="Keterangan perbaikan" error={fieldError} required>
        <textarea id="resubmit-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <DocumentInputs
        documents={DOCUMENT_KINDS.filter((k) => k !== 'selfie').map((kind) => ({ kind, required: false }))}
        value={documents}
        onChange={setDocuments}
        idPrefix="resubmit-doc"
      />
      <button type="submit" className="primary big">
        Lanjutkan proses
      </button>
    </form>
  );
}
