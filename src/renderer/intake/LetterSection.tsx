/**
 * The letter at intake: its file first, read by the core (a PDF's text layer) for nomor surat,
 * tanggal and perihal, filled in as suggestions to check; the NIPs it lists become the applicants
 * (a collective letter: one application per person). The agenda number is the office's next one.
 */
import { Controller, type UseFormReturn } from 'react-hook-form';

import type { UploadInput } from '../../shared/contract/schemas';
import type { LetterReading } from '../../shared/domain/staff';
import { formatNip } from '../../shared/identity/nip';
import type { SopTemplate } from '../../shared/sop/template';
import { DateInput } from '../components/DateInput';
import { Field } from '../components/Field';
import { FileField } from './FileField';
import type { IntakeFormInput, IntakeFormValues, SharedDocs } from './intake-form';

type Form = UseFormReturn<IntakeFormInput, unknown, IntakeFormValues>;

interface Props {
  form: Form;
  template: SopTemplate;
  docs: SharedDocs;
  docErrors: Partial<Record<keyof SharedDocs, string>>;
  reading: LetterReading | null;
  readingBusy: boolean;
  onLetter: (upload: UploadInput | undefined) => void;
  /**
   * One document chosen or cleared. Per document, not the whole set: a check that finishes after
   * another document's would otherwise write back the set as it was when it started, dropping the
   * other upload.
   */
  onDoc: (kind: keyof SharedDocs, upload: UploadInput | undefined) => void;
  /** The letter lists these NIPs and the form has other ones: make one applicant per NIP. */
  onUseNips: (nips: string[]) => void;
}

export function LetterSection(p: Props) {
  const { register, control, formState, getValues } = p.form;
  const e = formState.errors.letter;
  const letterDoc = p.template.documents.find((d) => d.kind === 'letter');
  const recommendation = p.template.documents.find((d) => d.kind === 'recommendation');
  const read = p.reading;
  const suggested = (v: string | null | undefined) =>
    read?.source !== 'none' && v ? 'Terbaca dari surat — periksa' : null;
  const currentNips = getValues('applicants').map((a) => a.nip.replace(/\s+/g, ''));
  const offerNips = read && read.nips.length > 0 && read.nips.some((n) => !currentNips.includes(n)) ? read.nips : null;

  return (
    <fieldset>
      <legend>Surat permohonan</legend>
      <div className="grid-2">
        {letterDoc && (
          <FileField
            id="doc-letter"
            kind="letter"
            required={letterDoc.required}
            value={p.docs.letter}
            error={p.docErrors.letter}
            note={p.readingBusy ? 'Membaca surat…' : (read?.note ?? null)}
            onChange={p.onLetter}
          />
        )}
        {recommendation && (
          <FileField
            id="doc-recommendation"
            kind="recommendation"
            required={recommendation.required}
            value={p.docs.recommendation}
            error={p.docErrors.recommendation}
            onChange={(u) => p.onDoc('recommendation', u)}
          />
        )}
        <Field
          id="letter-number"
          label="Nomor surat"
          error={e?.number?.message}
          required
          hint={suggested(read?.number)}
        >
          <input id="letter-number" {...register('letter.number')} />
        </Field>
        <Field id="letter-date" label="Tanggal surat" error={e?.date?.message} required hint={suggested(read?.date)}>
          <Controller
            control={control}
            name="letter.date"
            render={({ field }) => (
              <DateInput id="letter-date" value={field.value ?? ''} onChange={field.onChange} onBlur={field.onBlur} />
            )}
          />
        </Field>
        <Field id="letter-subject" label="Perihal" error={e?.subject?.message} required hint={suggested(read?.subject)}>
          <input id="letter-subject" {...register('letter.subject')} />
        </Field>
        <Field
          id="letter-agenda"
          label="Nomor agenda"
          error={e?.agendaNumber?.message}
          required
          hint="Nomor berikutnya kantor; ubah bila perlu"
        >
          <input id="letter-agenda" {...register('letter.agendaNumber')} />
        </Field>
      </div>
      {offerNips && (
        <div className="banner banner-info" role="status">
          <p>
            Surat ini menyebut {offerNips.length} NIP:{' '}
            <span className="mono">{offerNips.map(formatNip).join(', ')}</span>.
          </p>
          <button type="button" className="secondary" onClick={() => p.onUseNips(offerNips)}>
            {offerNips.length > 1
              ? `Buat ${offerNips.length} pemohon dari surat kolektif ini`
              : 'Isi NIP pemohon dari surat'}
          </button>
        </div>
      )}
    </fieldset>
  );
}
