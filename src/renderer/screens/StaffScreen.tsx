/**
 * "Data pegawai": the Admin imports the staff directory and sets the intake settings (agenda number
 * format, services run in parallel); the Kasi and the Admin read which recap holders retired or moved.
 */
import { useEffect, useState } from 'react';

import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../shared/domain/application';
import { EMPLOYMENT_STATUS_LABELS, type StaffFlagList } from '../../shared/domain/staff';
import { formatDate, todayIn } from '../../shared/domain/time';
import { formatNip } from '../../shared/identity/nip';
import { agendaFormatProblems, formatAgendaNumber } from '../../shared/intake/agenda-number';
import { call } from '../api';
import { ErrorBanner, Field } from '../components/Field';
import { StaffImport } from '../components/staff/StaffImport';
import { useApp } from '../state/app-store';

export function StaffScreen() {
  const user = useApp((s) => s.user);
  const [flags, setFlags] = useState<StaffFlagList | null>(null);
  const load = () => void call('staff.flags', {}).then((r) => r.ok && setFlags(r.value));
  useEffect(load, []);
  return (
    <div className="stack">
      <h1>Data pegawai</h1>
      {user?.role === 'admin' && <StaffImport onImported={load} />}
      {user?.role === 'admin' && <IntakeSettings />}
      <section className="panel stack" aria-labelledby="flags-title">
        <h2 id="flags-title">Pemegang sertifikat yang pensiun atau pindah</h2>
        <p className="muted">
          Menurut data pegawai ({flags?.directorySize ?? 0} orang). Pertimbangkan pencabutan atau perubahan data
          sertifikatnya; aplikasi tidak mencabut otomatis.
        </p>
        {flags && flags.flags.length === 0 && <p>Tidak ada.</p>}
        {flags && flags.flags.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Nama</th>
                <th scope="col">NIP</th>
                <th scope="col">OPD di rekap</th>
                <th scope="col">Status kepegawaian</th>
                <th scope="col">Berlaku s.d.</th>
                <th scope="col">Saran</th>
              </tr>
            </thead>
            <tbody>
              {flags.flags.map((f) => (
                <tr key={f.holderId}>
                  <td>{f.name}</td>
                  <td className="mono nowrap">{formatNip(f.nip)}</td>
                  <td>{f.agency}</td>
                  <td>
                    {EMPLOYMENT_STATUS_LABELS[f.employmentStatus]}
                    {f.statusNote ? ` (${f.statusNote})` : ''}
                    {f.employmentStatus === 'transferred' && f.directoryAgency ? ` → ${f.directoryAgency}` : ''}
                  </td>
                  <td className="nowrap">{formatDate(f.expiresAt)}</td>
                  <td>{f.suggestion === 'revocation' ? 'Pencabutan' : 'Perubahan data'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function IntakeSettings() {
  const office = useApp((s) => s.office);
  const [format, setFormat] = useState('');
  const [parallel, setParallel] = useState<ServiceType[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('intake.getSettings', {}).then((r) => {
      if (!r.ok) return;
      setFormat(r.value.agendaFormat);
      setParallel(r.value.parallelServiceTypes);
    });
  }, []);
  const problems = agendaFormatProblems(format);
  const today = todayIn(office?.timeZone ?? 'WIB', new Date());
  const save = async () => {
    setMessage(null);
    const r = await call('intake.updateSettings', { agendaFormat: format, parallelServiceTypes: parallel });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setMessage('Pengaturan permohonan disimpan.');
  };
  return (
    <section className="panel stack" aria-labelledby="intake-settings-title">
      <h2 id="intake-settings-title">Pengaturan permohonan</h2>
      <ErrorBanner message={error} />
      <Field
        id="agenda-format"
        label="Format nomor agenda"
        error={format && problems.length ? problems.join('; ') : undefined}
        hint={`Kode: {n} atau {n:4} nomor urut tahunan, {yyyy} tahun, {mm} bulan, {romawi} bulan romawi. Contoh berikutnya: ${problems.length ? '—' : formatAgendaNumber(format, 1, today)}`}
      >
        <input id="agenda-format" value={format} onChange={(e) => setFormat(e.target.value)} />
      </Field>
      <fieldset>
        <legend>Layanan yang boleh berjalan bersamaan dengan permohonan lain yang masih terbuka</legend>
        {SERVICE_TYPES.map((t) => (
          <div className="field checkbox" key={t}>
            <input
              id={`parallel-${t}`}
              type="checkbox"
              checked={parallel.includes(t)}
              onChange={(e) => setParallel(e.target.checked ? [...parallel, t] : parallel.filter((x) => x !== t))}
            />
            <label htmlFor={`parallel-${t}`}>{SERVICE_TYPE_LABELS[t]}</label>
          </div>
        ))}
      </fieldset>
      <button type="button" className="primary" disabled={problems.length > 0} onClick={() => void save()}>
        Simpan pengaturan permohonan
      </button>
      {message && (
        <p className="banner banner-ok" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
