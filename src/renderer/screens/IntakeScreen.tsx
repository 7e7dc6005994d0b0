/**
 * Intake: the letter, then the applicant(s). The letter's file is read for its number, date and
 * subject; the NIP fills the rest from the staff directory; the KTP scan fills NIK and name. One
 * letter may list several people (surat kolektif): one application each. The form is kept as a
 * draft in the core until it is saved.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';

import type { UploadInput } from '../../shared/contract/schemas';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from '../../shared/domain/application';
import type { RenewalDraft } from '../../shared/domain/recap';
import type { CollectiveIntakeResult, LetterReading } from '../../shared/domain/staff';
import { formatDate, formatDateTime } from '../../shared/domain/time';
import type { SopTemplate } from '../../shared/sop/template';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { applyServerErrors } from '../forms/server-errors';
import { ApplicantFields } from '../intake/ApplicantFields';
import { FileChecksProvider, useFileCheckCounter } from '../intake/file-checks';
import {
  type DocErrors,
  emptyApplicant,
  type IntakeFormInput,
  intakeFormSchema,
  type IntakeFormValues,
  missingDocuments,
  type OwnDocs,
  type SharedDocs,
} from '../intake/intake-form';
import { LetterSection } from '../intake/LetterSection';
import { useIntakeDraft } from '../intake/use-intake-draft';
import { useApp } from '../state/app-store';

export function IntakeScreen({ renewal }: { renewal?: RenewalDraft }) {
  const [template, setTemplate] = useState<SopTemplate | null>(null);
  useEffect(() => {
    void call('sop.list', {}).then(
      (r) => r.ok && setTemplate(r.value.templates.find((t) => t.id === r.value.activeTemplateId) ?? null),
    );
  }, []);
  if (!template) return <p>Memuat templat SOP…</p>;
  return <IntakeFormView template={template} renewal={renewal} />;
}

function IntakeFormView({ template, renewal }: { template: SopTemplate; renewal?: RenewalDraft }) {
  const go = useApp((s) => s.go);
  const office = useApp((s) => s.office);
  const [shared, setShared] = useState<SharedDocs>({});
  const [own, setOwn] = useState<OwnDocs[]>([{}]);
  const [docErrors, setDocErrors] = useState<DocErrors>({ shared: {}, own: [] });
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reading, setReading] = useState<LetterReading | null>(null);
  const [readingBusy, setReadingBusy] = useState(false);
  const [done, setDone] = useState<CollectiveIntakeResult | null>(null);
  const form = useForm<IntakeFormInput, unknown, IntakeFormValues>({
    resolver: zodResolver(intakeFormSchema),
    defaultValues: {
      serviceType: renewal ? 'renewal' : 'new',
      renewalOfHolderId: renewal?.holderId,
      applicants: [{ ...emptyApplicant(), ...renewal?.applicant }],
      letter: {
        number: '',
        date: '',
        subject: renewal
          ? 'Permohonan Perpanjangan Sertifikat Elektronik'
          : 'Permohonan Penerbitan Sertifikat Elektronik',
        agendaNumber: '',
      },
      agencyHead: template.recordsAgencyHead ? { name: '', nip: '', position: '' } : null,
    },
  });
  const { register, handleSubmit, formState, control, setValue, getValues } = form;
  const applicants = useFieldArray({ control, name: 'applicants' });
  const draft = useIntakeDraft(form, !renewal);
  const e = formState.errors;

  useEffect(() => {
    if (!draft.ready) return;
    void call('intake.nextAgenda', {}).then((r) => {
      if (r.ok && !getValues('letter.agendaNumber')) setValue('letter.agendaNumber', r.value.agendaNumber);
    });
  }, [draft.ready, getValues, setValue]);

  // Keep one document slot per applicant row.
  useEffect(() => {
    setOwn((o) => applicants.fields.map((_, i) => o[i] ?? {}));
  }, [applicants.fields]);

  const onLetter = async (upload: UploadInput | undefined) => {
    setShared((s) => ({ ...s, letter: upload }));
    setReading(null);
    if (!upload) return;
    setReadingBusy(true);
    const r = await call('intake.readLetter', { file: upload });
    setReadingBusy(false);
    if (!r.ok) return setDocErrors((d) => ({ ...d, shared: { ...d.shared, letter: r.error.message } }));
    setReading(r.value);
    const put = (name: 'letter.number' | 'letter.date' | 'letter.subject', v: string | null, replace = false) => {
      if (v && (replace || !getValues(name))) setValue(name, v, { shouldDirty: true });
    };
    put('letter.number', r.value.number);
    put('letter.date', r.value.date);
    // The subject is prefilled with the usual wording; the letter's own wording wins.
    put('letter.subject', r.value.subject, true);
    const first = getValues('applicants.0.nip');
    if (r.value.nips.length === 1 && !first && r.value.nips[0])
      setValue('applicants.0.nip', r.value.nips[0], { shouldDirty: true });
  };

  const useNips = (nips: string[]) => {
    const rows = getValues('applicants');
    const kept = rows.filter((a) => a.nip.trim() || a.name.trim());
    const have = kept.map((a) => a.nip.replace(/\s+/g, ''));
    const added = nips.filter((n) => !have.includes(n)).map((nip) => ({ ...emptyApplicant(), nip }));
    applicants.replace([...kept, ...added]);
  };

  const fileChecks = useFileCheckCounter();
  const submit = handleSubmit(async (values) => {
    setError(null);
    setOpenId(null);
    const missing = missingDocuments(template, shared, own, values.applicants.length);
    const anyMissing = Object.keys(missing.shared).length > 0 || missing.own.some((o) => Object.keys(o).length > 0);
    setDocErrors(missing);
    if (anyMissing) return setError('Dokumen wajib belum diunggah.');
    const sharedDocs = Object.values(shared).filter((d): d is UploadInput => Boolean(d));
    const ownDocs = values.applicants.map((_, i) =>
      Object.values(own[i] ?? {}).filter((d): d is UploadInput => Boolean(d)),
    );
    const base = { serviceType: values.serviceType, letter: values.letter, agencyHead: values.agencyHead };
    if (values.applicants.length === 1 && values.applicants[0]) {
      const documents = [...sharedDocs, ...(ownDocs[0] ?? [])];
      const renewalOfHolderId = values.serviceType === 'renewal' ? values.renewalOfHolderId : undefined;
      const result = await call('applications.create', {
        ...base,
        applicant: values.applicants[0],
        renewalOfHolderId,
        documents,
      });
      if (result.ok) {
        draft.stop();
        return go({ name: 'application', id: result.value.id });
      }
      showError(result.error, documents, 'applicants.0.');
      return;
    }
    const result = await call('applications.createCollective', {
      ...base,
      documents: sharedDocs,
      applicants: values.applicants.map((applicant, i) => ({ applicant, documents: ownDocs[i] ?? [] })),
    });
    if (result.ok) {
      draft.stop();
      return setDone(result.value);
    }
    showError(result.error, sharedDocs, '');
  });

  const showError = (
    err: { message: string; code: string; fields?: Record<string, string> },
    documents: UploadInput[],
    applicantPrefix: string,
  ) => {
    setError(err.message);
    const fields = { ...(err.fields ?? {}) };
    if (fields.openApplicationId) setOpenId(fields.openApplicationId);
    delete fields.openApplicationId;
    // documents.N (the file the core refused) → that document's own field
    const sharedErrors: DocErrors['shared'] = {};
    for (const [path, message] of Object.entries(fields)) {
      const m = /^documents\.(\d+)$/.exec(path);
      const kind = m ? documents[Number(m[1])]?.kind : /^documents\.(\w+)$/.exec(path)?.[1];
      if (kind === 'letter' || kind === 'recommendation') sharedErrors[kind] = message;
      if (kind === 'sk' || kind === 'ktp') setDocErrors((d) => ({ ...d, own: [{ ...d.own[0], [kind]: message }] }));
    }
    setDocErrors((d) => ({ ...d, shared: { ...d.shared, ...sharedErrors } }));
    const renamed = Object.fromEntries(
      Object.entries(fields)
        .filter(([k]) => !k.startsWith('documents.'))
        .map(([k, v]) => [
          k.startsWith('applicant.')
            ? `${applicantPrefix}${k.slice(10)}`
            : k.replace(/^applicants\.(\d+)\.applicant\./, 'applicants.$1.'),
          v,
        ]),
    );
    applyServerErrors(form.setError, { ...err, code: err.code as 'VALIDATION_FAILED', fields: renamed });
  };

  if (done)
    return (
      <section className="stack">
        <h1>Surat kolektif dicatat</h1>
        <p className="banner banner-ok" role="status">
          {done.applications.length} permohonan dibuat dari satu surat.
        </p>
        <ul className="link-list">
          {done.applications.map((a) => (
            <li key={a.id}>
              <button type="button" className="link" onClick={() => go({ name: 'application', id: a.id })}>
                {a.referenceNo} — {a.applicantName}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );

  return (
    <FileChecksProvider value={fileChecks.checks}>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="page-head">
          <h1>Permohonan baru</h1>
          <span className="muted">Templat: {template.office}</span>
        </div>
        {draft.restoredAt && (
          <p className="banner banner-info" role="status">
            Draf dipulihkan (disimpan {formatDateTime(draft.restoredAt, office?.timeZone)}).{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                void draft.discard().then(() => go({ name: 'applications' }));
              }}
            >
              Buang draf
            </button>
          </p>
        )}
        <ErrorBanner message={error} />
        {openId && (
          <p className="banner banner-warn">
            <button type="button" className="secondary" onClick={() => go({ name: 'application', id: openId })}>
              Buka permohonan yang masih terbuka
            </button>
          </p>
        )}
        {renewal && (
          <p className="banner banner-info" role="note">
            Perpanjangan dari rekap: {renewal.applicant.name}, sertifikat berlaku s.d.{' '}
            {formatDate(renewal.previousExpiresAt)}.
          </p>
        )}
        <LetterSection
          form={form}
          template={template}
          docs={shared}
          docErrors={docErrors.shared}
          reading={reading}
          readingBusy={readingBusy}
          onLetter={(u) => void onLetter(u)}
          onDoc={(kind, u) => setShared((d) => ({ ...d, [kind]: u }))}
          onUseNips={useNips}
        />
        <fieldset>
          <legend>Jenis layanan</legend>
          <Field id="service-type" label="Jenis layanan" error={e.serviceType?.message} required>
            <select id="service-type" {...register('serviceType')}>
              {SERVICE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {SERVICE_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        {applicants.fields.map((f, i) => (
          <ApplicantFields
            key={f.id}
            form={form}
            index={i}
            template={template}
            docs={own[i] ?? {}}
            docErrors={docErrors.own[i] ?? {}}
            onDoc={(kind, u) => setOwn((o) => o.map((x, j) => (j === i ? { ...x, [kind]: u } : x)))}
            onRemove={applicants.fields.length > 1 ? () => applicants.remove(i) : undefined}
          />
        ))}
        {!renewal && (
          <p>
            <button type="button" className="secondary" onClick={() => applicants.append(emptyApplicant())}>
              Tambah pemohon (surat kolektif)
            </button>
          </p>
        )}
        {template.recordsAgencyHead && (
          <fieldset>
            <legend>Identitas KA OPD (kepala perangkat daerah)</legend>
            <div className="grid-2">
              <Field id="head-name" label="Nama KA OPD" error={e.agencyHead?.name?.message} required>
                <input id="head-name" {...register('agencyHead.name')} />
              </Field>
              <Field id="head-nip" label="NIP KA OPD" error={e.agencyHead?.nip?.message} required>
                <input id="head-nip" inputMode="numeric" className="mono" {...register('agencyHead.nip')} />
              </Field>
              <Field id="head-position" label="Jabatan KA OPD" error={e.agencyHead?.position?.message} required>
                <input id="head-position" {...register('agencyHead.position')} />
              </Field>
            </div>
          </fieldset>
        )}
        <div className="actions">
          <button type="submit" className="primary big" disabled={formState.isSubmitting || fileChecks.pending > 0}>
            {formState.isSubmitting
              ? 'Menyimpan…'
              : fileChecks.pending > 0
                ? 'Memeriksa berkas…'
                : applicants.fields.length > 1
                  ? `Simpan ${applicants.fields.length} permohonan`
                  : 'Simpan permohonan'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (!formState.isDirty || window.confirm('Tinggalkan formulir? Isian tetap tersimpan sebagai draf.'))
                go({ name: 'applications' });
            }}
          >
            Batal
          </button>
          {draft.savedAt && (
            <span className="muted" role="status" data-testid="draft-saved">
              Draf tersimpan {formatDateTime(draft.savedAt, office?.timeZone)}
            </span>
          )}
        </div>
      </form>
    </FileChecksProvider>
  );
}
