/** Intake: the incoming letter, the applicant and the documents, checked as they are typed. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { intakeSchema } from '../../shared/contract/schemas';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from '../../shared/domain/application';
import type { RenewalDraft } from '../../shared/domain/recap';
import { formatDate } from '../../shared/domain/time';
import type { DocumentKind, SopTemplate } from '../../shared/sop/template';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { DocumentInputs, type DocumentSlots } from '../forms/DocumentInputs';
import { nikHint, nikWarnings } from '../forms/nik-hints';
import { NikBsreCheck } from '../forms/NikBsreCheck';
import { applyServerErrors } from '../forms/server-errors';
import { useApp } from '../state/app-store';

const formSchema = intakeSchema.omit({ documents: true });
type IntakeForm = z.input<typeof formSchema>;
type IntakeValues = z.output<typeof formSchema>;

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
  const bsreMode = useApp((s) => s.bsre?.mode);
  const [documents, setDocuments] = useState<DocumentSlots>({});
  const [docErrors, setDocErrors] = useState<Partial<Record<DocumentKind, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const form = useForm<IntakeForm, unknown, IntakeValues>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      serviceType: renewal ? 'renewal' : 'new',
      renewalOfHolderId: renewal?.holderId,
      applicant: {
        name: '',
        nik: '',
        nip: '',
        rank: '',
        position: '',
        agency: '',
        needsOfficialEmail: false,
        officialEmail: '',
        phone: '',
        ...renewal?.applicant,
      },
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
  const { register, handleSubmit, formState, watch } = form;
  const e = formState.errors;
  const nik = watch('applicant.nik');
  const nip = watch('applicant.nip');
  const needsEmail = watch('applicant.needsOfficialEmail');

  const submit = handleSubmit(async (values) => {
    setError(null);
    const missing = template.documents.filter((d) => d.required && !documents[d.kind]);
    if (missing.length) {
      setDocErrors(Object.fromEntries(missing.map((d) => [d.kind, 'Dokumen wajib diunggah'])));
      setError('Dokumen wajib belum diunggah.');
      return;
    }
    setDocErrors({});
    const renewalOfHolderId = values.serviceType === 'renewal' ? values.renewalOfHolderId : undefined;
    const result = await call('applications.create', {
      ...values,
      renewalOfHolderId,
      documents: Object.values(documents),
    });
    if (result.ok) go({ name: 'application', id: result.value.id });
    else {
      setError(result.error.message);
      applyServerErrors(form.setError, result.error);
    }
  });

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="page-head">
        <h1>Permohonan baru</h1>
        <span className="muted">Templat: {template.office}</span>
      </div>
      <ErrorBanner message={error} />
      {renewal && (
        <p className="banner banner-info" role="note">
          Perpanjangan dari rekap: {renewal.applicant.name}, sertifikat berlaku s.d.{' '}
          {formatDate(renewal.previousExpiresAt)}.
        </p>
      )}
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
      <fieldset>
        <legend>Surat permohonan</legend>
        <div className="grid-2">
          <Field id="letter-number" label="Nomor surat" error={e.letter?.number?.message} required>
            <input id="letter-number" {...register('letter.number')} />
          </Field>
          <Field id="letter-date" label="Tanggal surat" error={e.letter?.date?.message} required>
            <input id="letter-date" type="date" {...register('letter.date')} />
          </Field>
          <Field id="letter-subject" label="Perihal" error={e.letter?.subject?.message} required>
            <input id="letter-subject" {...register('letter.subject')} />
          </Field>
          <Field id="letter-agenda" label="Nomor agenda" error={e.letter?.agendaNumber?.message} required>
            <input id="letter-agenda" {...register('letter.agendaNumber')} />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Pemohon</legend>
        <div className="grid-2">
          <Field id="applicant-name" label="Nama lengkap" error={e.applicant?.name?.message} required>
            <input id="applicant-name" {...register('applicant.name')} />
          </Field>
          <Field
            id="applicant-nik"
            label="NIK"
            error={e.applicant?.nik?.message}
            required
            hint={nikHint(nik)}
            warnings={nikWarnings(nik, nip)}
          >
            <input
              id="applicant-nik"
              inputMode="numeric"
              maxLength={16}
              className="mono"
              {...register('applicant.nik')}
            />
            {bsreMode && bsreMode !== 'manual' && (
              <NikBsreCheck nik={nik} onUse={(t) => form.setValue('serviceType', t)} />
            )}
          </Field>
          <Field id="applicant-nip" label="NIP" error={e.applicant?.nip?.message} required>
            <input id="applicant-nip" inputMode="numeric" className="mono" {...register('applicant.nip')} />
          </Field>
          <Field id="applicant-rank" label="Pangkat/golongan" error={e.applicant?.rank?.message} required>
            <input id="applicant-rank" {...register('applicant.rank')} placeholder="Penata Muda, III/a" />
          </Field>
          <Field id="applicant-position" label="Jabatan" error={e.applicant?.position?.message} required>
            <input id="applicant-position" {...register('applicant.position')} />
          </Field>
          <Field id="applicant-agency" label="Unit kerja/OPD" error={e.applicant?.agency?.message} required>
            <input id="applicant-agency" {...register('applicant.agency')} />
          </Field>
          <Field
            id="applicant-email"
            label="Email dinas"
            error={e.applicant?.officialEmail?.message}
            required={!needsEmail}
          >
            <input id="applicant-email" type="email" disabled={needsEmail} {...register('applicant.officialEmail')} />
          </Field>
          <div className="field checkbox">
            <input id="applicant-needs-email" type="checkbox" {...register('applicant.needsOfficialEmail')} />
            <label htmlFor="applicant-needs-email">Email dinas perlu dibuat</label>
          </div>
          <Field id="applicant-phone" label="Nomor HP/WhatsApp" error={e.applicant?.phone?.message} required>
            <input id="applicant-phone" inputMode="tel" {...register('applicant.phone')} placeholder="081234567890" />
          </Field>
        </div>
      </fieldset>
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
      <fieldset>
        <legend>Dokumen</legend>
        <DocumentInputs
          documents={template.documents.filter((d) => d.kind !== 'selfie')}
          value={documents}
          onChange={setDocuments}
          errors={docErrors}
        />
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary big" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Menyimpan…' : 'Simpan permohonan'}
        </button>
        <button type="button" className="secondary" onClick={() => go({ name: 'applications' })}>
          Batal
        </button>
      </div>
    </form>
  );
}
