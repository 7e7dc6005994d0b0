/**
 * One applicant at intake. Typing (or the letter giving) the NIP looks the person up in the staff
 * directory and fills nama, pangkat/golongan, jabatan, unit kerja, email dinas and HP (each stays
 * editable); the KTP scan is read by the OCR and fills NIK and name (unsure values highlighted).
 * The NIK↔NIP cross-check shows at once; the name BSrE will register is shown under the name.
 */
import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';

import type { KtpIntakeReading } from '../../shared/domain/staff';
import { checkNip, normalizeNip } from '../../shared/identity/nip';
import { bsreName } from '../../shared/intake/bsre-name';
import type { SopTemplate } from '../../shared/sop/template';
import { call } from '../api';
import { Field } from '../components/Field';
import { nikHint, nikWarnings } from '../forms/nik-hints';
import { NikBsreCheck } from '../forms/NikBsreCheck';
import { useApp } from '../state/app-store';
import { FileField } from './FileField';
import type { IntakeFormInput, IntakeFormValues, OwnDocs } from './intake-form';

type Form = UseFormReturn<IntakeFormInput, unknown, IntakeFormValues>;
type Key = 'name' | 'nik' | 'nip' | 'rank' | 'position' | 'agency' | 'officialEmail' | 'phone';

interface Props {
  form: Form;
  index: number;
  template: SopTemplate;
  docs: OwnDocs;
  docErrors: Partial<Record<keyof OwnDocs, string>>;
  /** One of this applicant's documents chosen or cleared (per document: see LetterSection's onDoc). */
  onDoc: (kind: keyof OwnDocs, upload: OwnDocs['ktp']) => void;
  onRemove?: () => void;
}

export function ApplicantFields({ form, index, template, docs, docErrors, onDoc, onRemove }: Props) {
  const { register, watch, setValue, getValues, formState } = form;
  const bsreMode = useApp((s) => s.bsre?.mode);
  const p = `applicants.${index}` as const;
  const e = formState.errors.applicants?.[index];
  const nik = watch(`${p}.nik`) ?? '';
  const nip = watch(`${p}.nip`) ?? '';
  const name = watch(`${p}.name`) ?? '';
  const needsEmail = watch(`${p}.needsOfficialEmail`);
  const [filled, setFilled] = useState<{ from: 'directory' | 'ktp'; keys: Key[] }[]>([]);
  const [unsure, setUnsure] = useState<Key[]>([]);
  const [lookupNote, setLookupNote] = useState<string | null>(null);
  const [ktpNote, setKtpNote] = useState<string | null>(null);
  const looked = useRef('');
  const id = (k: string) => (index === 0 ? `applicant-${k}` : `applicant-${index + 1}-${k}`);

  const fill = (from: 'directory' | 'ktp', values: Partial<Record<Key, string | null | undefined>>) => {
    const keys: Key[] = [];
    for (const [k, v] of Object.entries(values) as [Key, string | null | undefined][]) {
      if (!v || getValues(`${p}.${k}`)) continue;
      setValue(`${p}.${k}`, v, { shouldDirty: true, shouldValidate: formState.isSubmitted });
      keys.push(k);
    }
    setFilled((f) => [...f.filter((x) => x.from !== from), { from, keys }]);
    return keys;
  };

  // The NIP is complete and valid: look it up once.
  useEffect(() => {
    const n = normalizeNip(nip);
    if (n === looked.current || !checkNip(n).valid) return;
    looked.current = n;
    void call('staff.lookup', { nip: n }).then((r) => {
      if (!r.ok) return setLookupNote(null);
      if (!r.value.found) return setLookupNote('NIP tidak ada di data kepegawaian; isi data pemohon sesuai surat.');
      const s = r.value.found;
      const keys = fill('directory', {
        name: s.name,
        rank: s.rank,
        position: s.position,
        agency: s.agency,
        officialEmail: s.officialEmail,
        phone: s.phone,
      });
      setLookupNote(
        [r.value.warning, keys.length ? `Diisi dari data kepegawaian: ${keys.length} kolom — periksa.` : null]
          .filter(Boolean)
          .join(' '),
      );
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nip]);

  const readKtp = async (upload: OwnDocs['ktp']) => {
    onDoc('ktp', upload);
    setUnsure([]);
    if (!upload || !/^image\//.test(upload.mimeType)) return setKtpNote(null);
    setKtpNote('Membaca KTP…');
    const r = await call('intake.readKtp', {
      image: { fileName: upload.fileName, mimeType: upload.mimeType as 'image/png', dataBase64: upload.dataBase64 },
    });
    if (!r.ok) return setKtpNote(`KTP tidak terbaca: ${r.error.message}`);
    applyKtp(r.value);
  };

  const applyKtp = (reading: KtpIntakeReading) => {
    const f = reading.ocr.fields;
    const keys = fill('ktp', { nik: f.nik.value, name: f.nama.value });
    const doubtful: Key[] = [];
    if (reading.unsure.includes('nik')) doubtful.push('nik');
    if (reading.unsure.includes('nama')) doubtful.push('name');
    setUnsure(doubtful);
    const current = getValues(`${p}.nik`);
    const differs = f.nik.value && current && current !== f.nik.value;
    setKtpNote(
      [
        keys.length
          ? `Terbaca dari KTP: ${keys.map((k) => (k === 'nik' ? 'NIK' : 'nama')).join(' dan ')} — periksa.`
          : null,
        differs ? `NIK di KTP terbaca ${f.nik.value}, berbeda dengan yang diisi.` : null,
        f.nama.value && !keys.includes('name') ? `Nama di KTP: ${f.nama.value}.` : null,
        doubtful.length ? 'Nilai yang kurang yakin ditandai kuning.' : null,
      ]
        .filter(Boolean)
        .join(' '),
    );
  };

  const source = (k: Key) => filled.find((f) => f.keys.includes(k))?.from;
  const cls = (k: Key, base = '') =>
    [base, unsure.includes(k) ? 'unsure' : '', source(k) ? 'prefilled' : ''].filter(Boolean).join(' ') || undefined;
  const derived = bsreName(name);
  const ownDocs = template.documents.filter((d) => d.kind === 'sk' || d.kind === 'ktp');

  return (
    <fieldset className="applicant" data-testid={`applicant-${index + 1}`}>
      <legend>{index === 0 && !onRemove ? 'Pemohon' : `Pemohon ${index + 1}`}</legend>
      {onRemove && (
        <button type="button" className="secondary small" onClick={onRemove}>
          Hapus pemohon {index + 1}
        </button>
      )}
      <div className="grid-2">
        <Field id={id('nip')} label="NIP" error={e?.nip?.message} required hint={lookupNote}>
          <input id={id('nip')} inputMode="numeric" className="mono" {...register(`${p}.nip`)} />
        </Field>
        {ownDocs
          .filter((d) => d.kind === 'ktp')
          .map((d) => (
            <FileField
              key={d.kind}
              id={index === 0 ? 'doc-ktp' : `doc-${index + 1}-ktp`}
              kind="ktp"
              accept="image"
              required={d.required}
              value={docs.ktp}
              error={docErrors.ktp}
              note={ktpNote}
              onChange={(u) => void readKtp(u)}
            />
          ))}
        <Field
          id={id('name')}
          label="Nama lengkap (dengan gelar)"
          error={e?.name?.message}
          required
          hint={name.trim() ? <span data-testid="bsre-name">Nama untuk BSrE: {derived || '—'}</span> : null}
        >
          <input id={id('name')} className={cls('name')} {...register(`${p}.name`)} />
        </Field>
        <Field
          id={id('nik')}
          label="NIK"
          error={e?.nik?.message}
          required
          hint={nikHint(nik)}
          warnings={nikWarnings(nik, nip)}
        >
          <input
            id={id('nik')}
            inputMode="numeric"
            maxLength={16}
            className={cls('nik', 'mono')}
            {...register(`${p}.nik`)}
          />
          {bsreMode && bsreMode !== 'manual' && index === 0 && (
            <NikBsreCheck nik={nik} onUse={(t) => setValue('serviceType', t)} />
          )}
        </Field>
        <Field id={id('rank')} label="Pangkat/golongan" error={e?.rank?.message} required>
          <input id={id('rank')} className={cls('rank')} {...register(`${p}.rank`)} placeholder="Penata Muda, III/a" />
        </Field>
        <Field id={id('position')} label="Jabatan" error={e?.position?.message} required>
          <input id={id('position')} className={cls('position')} {...register(`${p}.position`)} />
        </Field>
        <Field id={id('agency')} label="Unit kerja/OPD" error={e?.agency?.message} required>
          <input id={id('agency')} className={cls('agency')} {...register(`${p}.agency`)} />
        </Field>
        <Field id={id('email')} label="Email dinas" error={e?.officialEmail?.message} required={!needsEmail}>
          <input
            id={id('email')}
            type="email"
            className={cls('officialEmail')}
            disabled={needsEmail}
            {...register(`${p}.officialEmail`)}
          />
        </Field>
        <div className="field checkbox">
          <input id={id('needs-email')} type="checkbox" {...register(`${p}.needsOfficialEmail`)} />
          <label htmlFor={id('needs-email')}>Email dinas perlu dibuat</label>
        </div>
        <Field id={id('phone')} label="Nomor HP/WhatsApp" error={e?.phone?.message} required>
          <input
            id={id('phone')}
            inputMode="tel"
            className={cls('phone')}
            {...register(`${p}.phone`)}
            placeholder="081234567890"
          />
        </Field>
        {ownDocs
          .filter((d) => d.kind === 'sk')
          .map((d) => (
            <FileField
              key={d.kind}
              id={index === 0 ? 'doc-sk' : `doc-${index + 1}-sk`}
              kind="sk"
              required={d.required}
              value={docs.sk}
              error={docErrors.sk}
              onChange={(u) => onDoc('sk', u)}
            />
          ))}
      </div>
    </fieldset>
  );
}
