/** The office fields, shared by first-run setup and the Admin's office settings. */
import type { UseFormRegister } from 'react-hook-form';

import type { OfficeInput } from '../../shared/contract/schemas';
import { Field } from '../components/Field';

interface Props {
  register: UseFormRegister<{ office: OfficeInput }>;
  errors: { [K in keyof OfficeInput]?: { message?: string } } | undefined;
  templates: { id: string; name: string; office: string }[];
}

export function OfficeFields({ register, errors, templates }: Props) {
  return (
    <fieldset>
      <legend>Data kantor</legend>
      <Field id="office-name" label="Nama instansi" error={errors?.name?.message} required>
        <input id="office-name" {...register('office.name')} placeholder="Dinas Komunikasi dan Informatika" />
      </Field>
      <Field id="office-regency" label="Kabupaten/kota" error={errors?.regency?.message} required>
        <input id="office-regency" {...register('office.regency')} placeholder="Kabupaten Trenggalek" />
      </Field>
      <Field id="office-address" label="Alamat" error={errors?.address?.message} required>
        <input id="office-address" {...register('office.address')} />
      </Field>
      <Field id="office-tz" label="Zona waktu" error={errors?.timeZone?.message} required>
        <select id="office-tz" {...register('office.timeZone')}>
          <option value="WIB">WIB (UTC+7)</option>
          <option value="WITA">WITA (UTC+8)</option>
          <option value="WIT">WIT (UTC+9)</option>
        </select>
      </Field>
      <Field
        id="office-letterhead"
        label="Teks kop surat"
        error={errors?.letterhead?.message}
        required
        hint="Baris-baris kop surat untuk laporan dan formulir cetak."
      >
        <textarea id="office-letterhead" rows={3} {...register('office.letterhead')} />
      </Field>
      <Field id="office-template" label="Templat SOP" error={errors?.sopTemplateId?.message} required>
        <select id="office-template" {...register('office.sopTemplateId')}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.office} — {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="office-idle"
        label="Kunci layar otomatis setelah (menit)"
        error={errors?.idleLockMinutes?.message}
        required
      >
        <input id="office-idle" type="number" min={1} max={120} {...register('office.idleLockMinutes')} />
      </Field>
    </fieldset>
  );
}
