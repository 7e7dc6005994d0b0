/** Office settings for the Admin TTE: name, letterhead, time zone, SOP template, idle lock. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { type OfficeInput, officeSchema } from '../../shared/contract/schemas';
import { call } from '../api';
import { ErrorBanner } from '../components/Field';
import { OfficeFields } from '../forms/OfficeFields';
import { applyServerErrors } from '../forms/server-errors';
import { useApp } from '../state/app-store';

const formSchema = z.object({ office: officeSchema });
type OfficeForm = z.input<typeof formSchema>;

export function OfficeScreen() {
  const { office, setOffice } = useApp();
  const [templates, setTemplates] = useState<{ id: string; name: string; office: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<OfficeForm, unknown, { office: OfficeInput }>({
    resolver: zodResolver(formSchema),
    defaultValues: office ? { office } : undefined,
  });

  useEffect(() => {
    void call('setup.status', {}).then((r) => r.ok && setTemplates(r.value.templates));
  }, []);

  const submit = form.handleSubmit(async ({ office: values }) => {
    setSaved(false);
    const result = await call('office.update', values);
    if (!result.ok) {
      setError(result.error.message);
      applyServerErrors(form.setError, result.error, '');
      return;
    }
    setError(null);
    setOffice(result.value);
    setSaved(true);
  });

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <h1>Pengaturan kantor</h1>
      <ErrorBanner message={error} />
      {saved && (
        <div className="banner banner-ok" role="status">
          Pengaturan tersimpan.
        </div>
      )}
      <OfficeFields register={form.register as never} errors={form.formState.errors.office} templates={templates} />
      <button type="submit" className="primary big">
        Simpan pengaturan
      </button>
    </form>
  );
}
