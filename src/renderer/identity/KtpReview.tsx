/**
 * What the OCR read from the KTP, as a form the verifier confirms or corrects (unsure fields are
 * empty and highlighted), next to the cross-check rows: NIK vs birth date, sex, region, form, NIP.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';

import { confirmFieldsSchema } from '../../shared/contract/schemas';
import { type CrossCheckRow, KTP_FIELD_LABELS, type KtpField, type KtpOcrResult } from '../../shared/domain/identity';
import { KTP_CONFIDENCE_REVIEW } from '../../shared/identity/ktp/parser';
import { readingQuality } from '../../shared/identity/ktp/reading-quality';
import { Field } from '../components/Field';

const FORM_FIELDS: KtpField[] = [
  'nik',
  'nama',
  'tempatLahir',
  'tanggalLahir',
  'jenisKelamin',
  'golonganDarah',
  'alamat',
  'rtRw',
  'kelDesa',
  'kecamatan',
  'kabupatenKota',
  'provinsi',
  'agama',
  'statusPerkawinan',
  'pekerjaan',
  'kewarganegaraan',
  'berlakuHingga',
];

const fieldsSchema = confirmFieldsSchema.shape.fields;
type FieldsForm = z.input<typeof fieldsSchema>;
type FieldsValues = z.output<typeof fieldsSchema>;

const OUTCOME_TEXT = { match: '✓ cocok', mismatch: '✗ tidak cocok', unknown: '? tidak diketahui' } as const;

interface Props {
  ocr: KtpOcrResult;
  rows: CrossCheckRow[];
  confirmed: Record<string, string> | null;
  busy: boolean;
  onConfirm: (fields: FieldsValues) => void;
  /** Back to the camera for another photo of the card. */
  onRetake: () => void;
}

export function KtpReview({ ocr, rows, confirmed, busy, onConfirm, onRetake }: Props) {
  const quality = readingQuality(ocr.fields);
  const defaults = Object.fromEntries(
    FORM_FIELDS.map((f) => [f, confirmed?.[f] ?? ocr.fields[f].value ?? '']),
  ) as FieldsForm;
  const form = useForm<FieldsForm, unknown, FieldsValues>({
    resolver: zodResolver(fieldsSchema),
    defaultValues: defaults,
  });
  const e = form.formState.errors as Partial<Record<KtpField, { message?: string }>>;

  return (
    <div className="columns even">
      <form className="panel" onSubmit={form.handleSubmit(onConfirm)} noValidate aria-label="Data KTP">
        <h2>Data KTP hasil baca</h2>
        {quality.suggestRetake && confirmed === null && (
          <div className="warning retake-note" role="alert">
            <p>
              Foto KTP kurang terbaca: hanya {quality.sure} dari {quality.total} isian terbaca dengan yakin. Memotret
              ulang lebih cepat daripada mengetik semuanya: pegang kartu diam, cukup cahaya, tanpa pantulan, kartu
              memenuhi bingkai.
            </p>
            <button type="button" className="secondary" onClick={onRetake} disabled={busy}>
              Ambil ulang foto KTP
            </button>
          </div>
        )}
        <p className="hint">Kolom berwarna kuning dibaca dengan keyakinan rendah: periksa dengan KTP asli.</p>
        <div className="grid-2">
          {FORM_FIELDS.map((f) => {
            const read = ocr.fields[f];
            const low = read.value === null || read.confidence < KTP_CONFIDENCE_REVIEW;
            return (
              <div key={f} className={low ? 'low-confidence' : undefined}>
                <Field
                  id={`ktp-${f}`}
                  label={KTP_FIELD_LABELS[f]}
                  error={e[f]?.message}
                  hint={`keyakinan ${Math.round(read.confidence * 100)}%${read.vouchedByNik === true ? ' · diisi dari NIK, cocokkan dengan KTP' : ''}`}
                >
                  <input id={`ktp-${f}`} className={f === 'nik' ? 'mono' : undefined} {...form.register(f)} />
                </Field>
              </div>
            );
          })}
        </div>
        <div className="sticky-actions">
          <button type="submit" className="primary big" disabled={busy}>
            {confirmed ? 'Simpan perbaikan data KTP' : 'Konfirmasi data KTP'}
          </button>
        </div>
      </form>
      <section className="panel" aria-label="Pemeriksaan silang">
        <h2>Pemeriksaan silang</h2>
        <table className="table check-rows">
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                <td className={/^\d{12,}$/.test(r.left) ? 'check-value mono' : 'check-value'}>{r.left || '–'}</td>
                <td className={/^\d{12,}$/.test(r.right) ? 'check-value mono' : 'check-value'}>{r.right || '–'}</td>
                <td className={`outcome-${r.outcome}`}>{OUTCOME_TEXT[r.outcome]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
