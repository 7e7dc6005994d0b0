/** The facilitation report's figures on screen: summary, bars per service type or month, OPD, SOP steps, certificates issued. */
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { TimeZoneLabel } from '../../../shared/domain/office';
import type { CountsByOutcome, FacilitationReport } from '../../../shared/domain/reports';
import { formatDate } from '../../../shared/domain/time';

const num = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const minutes = (m: number | null) => (m === null ? '–' : `${num.format(m)} menit`);
const percent = (p: number | null) => (p === null ? '–' : `${num.format(p)}%`);

function CountCells({ c }: { c: CountsByOutcome }) {
  return (
    <>
      <td className="num">{num.format(c.received)}</td>
      <td className="num">{num.format(c.issued)}</td>
      <td className="num">{num.format(c.returned)}</td>
      <td className="num">{num.format(c.rejected)}</td>
    </>
  );
}

const COUNT_HEADERS = (
  <>
    <th className="num">Diterima</th>
    <th className="num">Terbit</th>
    <th className="num">Dikembalikan</th>
    <th className="num">Ditolak</th>
  </>
);

export function BarChart({ title, bars }: { title: string; bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="report-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {bars.map((b) => (
        <div className="report-bar" key={b.label}>
          <span className="report-bar-label">{b.label}</span>
          <span className="report-bar-track">
            <span className="report-bar-fill" style={{ width: `${(b.value / max) * 100}%` }} />
          </span>
          <span className="report-bar-value">{num.format(b.value)}</span>
        </div>
      ))}
    </figure>
  );
}

export function ReportTables({ report, zone }: { report: FacilitationReport; zone: TimeZoneLabel }) {
  const t = report.totals;
  return (
    <div className="report">
      <table className="report-summary" data-testid="report-summary">
        <tbody>
          <tr>
            <th>Permohonan diterima</th>
            <td className="num">{num.format(t.received)}</td>
          </tr>
          <tr>
            <th>Sertifikat terbit</th>
            <td className="num">{num.format(t.issued)}</td>
          </tr>
          <tr>
            <th>Permohonan dikembalikan</th>
            <td className="num">{num.format(t.returned)}</td>
          </tr>
          <tr>
            <th>Permohonan ditolak</th>
            <td className="num">{num.format(t.rejected)}</td>
          </tr>
          <tr>
            <th>Verifikasi identitas di Meja Verifikasi</th>
            <td className="num">{num.format(report.identityChecks.desk)}</td>
          </tr>
          <tr>
            <th>Verifikasi identitas manual (dengan alasan)</th>
            <td className="num">{num.format(report.identityChecks.manual)}</td>
          </tr>
          <tr>
            <th>Kepatuhan waktu SOP</th>
            <td className="num">{percent(report.compliancePercent)}</td>
          </tr>
        </tbody>
      </table>

      {report.issuedByMonth.length > 1 ? (
        <BarChart
          title="Sertifikat terbit per bulan"
          bars={report.issuedByMonth.map((m) => ({ label: m.label, value: m.count }))}
        />
      ) : (
        <BarChart
          title="Sertifikat terbit per jenis layanan"
          bars={report.byServiceType.map((s) => ({ label: s.label, value: s.counts.issued }))}
        />
      )}

      <h2>Menurut jenis layanan</h2>
      <table>
        <thead>
          <tr>
            <th>Jenis layanan</th>
            {COUNT_HEADERS}
          </tr>
        </thead>
        <tbody>
          {report.byServiceType.map((s) => (
            <tr key={s.serviceType}>
              <td>{s.label}</td>
              <CountCells c={s.counts} />
            </tr>
          ))}
          <tr className="total">
            <td>Jumlah</td>
            <CountCells c={t} />
          </tr>
        </tbody>
      </table>

      <h2>Menurut OPD</h2>
      <table>
        <thead>
          <tr>
            <th>OPD / unit kerja</th>
            {COUNT_HEADERS}
          </tr>
        </thead>
        <tbody>
          {report.byAgency.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Tidak ada data pada periode ini.
              </td>
            </tr>
          )}
          {report.byAgency.map((a) => (
            <tr key={a.agency}>
              <td>{a.agency}</td>
              <CountCells c={a.counts} />
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Waktu per langkah SOP</h2>
      <table>
        <thead>
          <tr>
            <th>No</th>
            <th>Kegiatan</th>
            <th className="num">Mutu baku</th>
            <th className="num">Rata-rata</th>
            <th className="num">Selesai</th>
            <th className="num">Sesuai mutu baku</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((s) => (
            <tr key={s.stepNo}>
              <td>{s.stepNo}</td>
              <td>{s.activity}</td>
              <td className="num">{minutes(s.standardMinutes)}</td>
              <td className="num">{minutes(s.averageMinutes)}</td>
              <td className="num">{num.format(s.count)}</td>
              <td className="num">{percent(s.compliancePercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Penolakan KYC BSrE saat aktivasi ({num.format(report.kycRefusalTotal)})</h2>
      <table data-testid="report-kyc">
        <thead>
          <tr>
            <th>Alasan</th>
            <th className="num">Jumlah</th>
          </tr>
        </thead>
        <tbody>
          {report.kycRefusals.map((r) => (
            <tr key={r.reason}>
              <td>{r.label}</td>
              <td className="num">{num.format(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Sertifikat terbit ({num.format(report.issuedTotal)})</h2>
      {report.issuedTotal > report.issued.length && (
        <p className="muted">
          Ditampilkan {num.format(report.issued.length)} pertama; daftar lengkap ada pada berkas XLSX.
        </p>
      )}
      <table data-testid="report-issued">
        <thead>
          <tr>
            <th>Nama</th>
            <th>NIP</th>
            <th>OPD</th>
            <th>Layanan</th>
            <th>Terbit</th>
            <th>Berlaku s.d.</th>
          </tr>
        </thead>
        <tbody>
          {report.issued.map((c) => (
            <tr key={c.referenceNo}>
              <td>{c.name}</td>
              <td className="mono">{c.nip}</td>
              <td>{c.agency}</td>
              <td>{SERVICE_TYPE_LABELS[c.serviceType]}</td>
              <td>{formatDate(c.issuedAt, zone)}</td>
              <td>{formatDate(c.expiresAt, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
