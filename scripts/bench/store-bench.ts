/**
 * `npm run bench -- store`: the office records at volume. Opens the cached 100,000-application /
 * 100,000-holder office (seeding it on first use) and times, through `dispatch` as the desk calls
 * them, the queue and recap queries (p50/p95), the dashboard, a year's facilitation report (data,
 * PDF, XLSX) and the import of a 10,000-row workbook — on SQLite and, with LOKET_TEST_DATABASE_URL,
 * on PostgreSQL, side by side.
 */
import ExcelJS from 'exceljs';

import type { ChannelName } from '../../src/shared/contract/channel-names';
import type { ChannelInput } from '../../src/shared/contract/channels';
import { call } from '../../test/helpers/core-fixture';
import { openVolumeCore, type VolumeCore } from '../../test/helpers/volume-store';

interface Timing {
  label: string;
  p50: number;
  p95: number;
  runs: number;
  target: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function time<C extends ChannelName>(
  v: VolumeCore,
  label: string,
  channel: C,
  input: ChannelInput<C>,
  runs: number,
  target: string,
): Promise<Timing> {
  const token = v.staff.tokens.kasi;
  const first = await call(v.core, channel, input, token);
  if (!first.ok) throw new Error(`${label}: ${first.error.code} ${first.error.message}`);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = await call(v.core, channel, input, token);
    samples.push(performance.now() - start);
    if (!r.ok) throw new Error(`${label}: ${r.error.code}`);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs, target };
}

/** A 10,000-row recap workbook as the office keeps it (Indonesian headers, dd/mm/yyyy dates). */
export async function recapWorkbook(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Rekap TTE');
  ws.addRow(['No', 'Nama', 'NIK', 'NIP', 'OPD', 'Jabatan', 'Email Dinas', 'No HP', 'Tanggal Terbit', 'Berlaku s.d.']);
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const female = i % 2 === 1;
    const nik = `350301${String(female ? day + 40 : day).padStart(2, '0')}0685${String((i % 9999) + 1).padStart(4, '0')}`;
    const nip = `1985060${1 + (i % 9)}2010011${String(i % 1000).padStart(3, '0')}`;
    ws.addRow([
      i + 1,
      `Pegawai Impor ${i}`,
      nik,
      nip,
      `OPD Impor ${i % 30}`,
      'Analis',
      `impor${i}@trenggalekkab.go.id`,
      `0813${String(i).padStart(8, '0')}`,
      `${String(day).padStart(2, '0')}/03/2025`,
      `${String(day - 1 || 28).padStart(2, '0')}/03/2027`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function importTiming(
  v: VolumeCore,
): Promise<{ rows: number; previewMs: number; commitMs: number; imported: number }> {
  const dataBase64 = await recapWorkbook(10_000);
  const token = v.staff.tokens.verifikator;
  const t0 = performance.now();
  const preview = await call(v.core, 'holders.importPreview', { fileName: 'rekap-10000.xlsx', dataBase64 }, token);
  if (!preview.ok) throw new Error(`import preview: ${preview.error.message}`);
  const t1 = performance.now();
  const started = await call(
    v.core,
    'holders.importCommit',
    { fileName: 'rekap-10000.xlsx', dataBase64, mapping: preview.value.mapping },
    token,
  );
  if (!started.ok) throw new Error(`import commit: ${started.error.message}`);
  let progress = started.value;
  while (progress.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    const p = await call(v.core, 'holders.importProgress', {}, token);
    if (!p.ok) throw new Error(p.error.message);
    progress = p.value;
  }
  if (progress.state !== 'done') throw new Error(`import ended ${progress.state}: ${progress.message}`);
  return {
    rows: preview.value.totalRows,
    previewMs: t1 - t0,
    commitMs: performance.now() - t1,
    imported: progress.imported,
  };
}

interface EngineRun {
  timings: Timing[];
  imported: Awaited<ReturnType<typeof importTiming>>;
}

/** The same queries and the same import, through dispatch, on one volume core. */
async function measure(v: VolumeCore): Promise<EngineRun> {
  const year = 2026;
  const timings: Timing[] = [
    await time(v, 'queue.list (all open)', 'queue.list', {}, 40, '≤ 20 ms p95'),
    await time(
      v,
      'queue.list (one verifier, one step)',
      'queue.list',
      { verifierId: v.staff.users.verifikator.id, stepNo: 7 },
      40,
      '≤ 20 ms p95',
    ),
    await time(v, 'holders.list (first page, by expiry)', 'holders.list', {}, 40, '≤ 20 ms p95'),
    await time(
      v,
      'holders.list (name search "budi santoso")',
      'holders.list',
      { query: 'budi santoso' },
      40,
      '≤ 20 ms p95',
    ),
    await time(
      v,
      'holders.list (one common surname "santoso", 8% of holders)',
      'holders.list',
      { query: 'santoso' },
      40,
      '≤ 20 ms p95',
    ),
    await time(
      v,
      'holders.list (OPD filter, by name)',
      'holders.list',
      { agency: 'Dinas Perhubungan', sort: 'name' },
      40,
      '≤ 20 ms p95',
    ),
    await time(v, 'holders.list (expiring ≤ 30 days)', 'holders.list', { expiringWithinDays: 30 }, 40, '≤ 20 ms p95'),
    await time(
      v,
      'holders.list (page at offset 50,000)',
      'holders.list',
      { offset: 50_000, sort: 'issuedAt' },
      40,
      '≤ 20 ms p95',
    ),
    await time(
      v,
      'dashboard.get (one month, by day)',
      'dashboard.get',
      { granularity: 'day', from: '2026-10-01', to: '2026-10-31' },
      20,
      '–',
    ),
    await time(
      v,
      'dashboard.get (one year, by month)',
      'dashboard.get',
      { granularity: 'month', from: '2025-11-01', to: '2026-10-31' },
      10,
      '–',
    ),
    await time(
      v,
      `reports.facilitation (year ${year - 1})`,
      'reports.facilitation',
      { period: { kind: 'year', year: year - 1 } },
      10,
      '≤ 1 s',
    ),
    await time(
      v,
      `reports.facilitationFile PDF (year ${year - 1})`,
      'reports.facilitationFile',
      { period: { kind: 'year', year: year - 1 }, format: 'pdf' },
      5,
      '≤ 1 s',
    ),
    await time(
      v,
      `reports.facilitationFile XLSX (year ${year - 1})`,
      'reports.facilitationFile',
      { period: { kind: 'year', year: year - 1 }, format: 'xlsx' },
      5,
      '≤ 1 s',
    ),
  ];
  return { timings, imported: await importTiming(v) };
}

const ms = (n: number | undefined) => (n === undefined ? '–' : `${n.toFixed(1)} ms`);

/**
 * Both engines side by side in one run, same data: the cached SQLite office, and (when
 * LOKET_TEST_DATABASE_URL names a database, e.g. under scripts/ci/postgres-for-tests.sh) the same
 * office moved to PostgreSQL by migrate:to-postgres' copy, whose proof is printed too.
 */
export async function storeBenchReport(): Promise<string> {
  const openStart = performance.now();
  const v = await openVolumeCore();
  const openMs = performance.now() - openStart;
  let sqlite: EngineRun;
  let sampleNik: string;
  let summary: VolumeCore['summary'];
  try {
    sampleNik = ((await v.core.db.prepare('SELECT nik_masked FROM holders LIMIT 1').get()) as { nik_masked: string })
      .nik_masked;
    summary = v.summary;
    sqlite = await measure(v);
  } finally {
    await v.close();
  }
  let postgres: EngineRun | null = null;
  let move: VolumeCore['move'] = null;
  let moveMs = 0;
  if (process.env.LOKET_TEST_DATABASE_URL) {
    const moveStart = performance.now();
    const p = await openVolumeCore({ engine: 'postgres' });
    moveMs = performance.now() - moveStart;
    try {
      move = p.move;
      postgres = await measure(p);
    } finally {
      await p.close();
    }
  }
  const pg = (i: number) => postgres?.timings[i];
  const lines = [
    `\n## Store at volume (${summary.applications.toLocaleString('id-ID')} permohonan, ${summary.stepEvents.toLocaleString('id-ID')} langkah, ${summary.holders.toLocaleString('id-ID')} pemegang; contoh NIK ${sampleNik})`,
    `Opened a private copy of the cached SQLite store in ${openMs.toFixed(0)} ms.`,
    postgres
      ? `PostgreSQL: the same office moved by migrate:to-postgres' copy in ${(moveMs / 1000).toFixed(1)} s — ${Object.values(
          move?.counts ?? {},
        )
          .reduce((a, b) => a + b, 0)
          .toLocaleString(
            'id-ID',
          )} rows, audit chain ${move?.audit.ok ? `whole (${move.audit.checked} entries)` : 'BROKEN'}, sealed values ${move?.sealed?.opened ?? 0} opened / ${move?.sealed?.failed ?? 0} failed / ${move?.sealed?.indexMismatches ?? 0} index mismatches.`
      : 'PostgreSQL: not measured (set LOKET_TEST_DATABASE_URL, e.g. scripts/ci/postgres-for-tests.sh npm run bench -- store).',
    '| query | SQLite p50 | SQLite p95 | PostgreSQL p50 | PostgreSQL p95 | runs | target |',
    '|---|---|---|---|---|---|---|',
    ...sqlite.timings.map(
      (t, i) =>
        `| ${t.label} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(pg(i)?.p50)} | ${ms(pg(i)?.p95)} | ${t.runs} | ${t.target} |`,
    ),
    '',
    '| import (10,000-row workbook) | SQLite | PostgreSQL | target |',
    '|---|---|---|---|',
    `| preview (read + validate) | ${sqlite.imported.previewMs.toFixed(0)} ms | ${postgres ? `${postgres.imported.previewMs.toFixed(0)} ms` : '–'} | – |`,
    `| commit (read + validate + one transaction) | ${sqlite.imported.commitMs.toFixed(0)} ms | ${postgres ? `${postgres.imported.commitMs.toFixed(0)} ms` : '–'} | – |`,
    `| total | ${(sqlite.imported.previewMs + sqlite.imported.commitMs).toFixed(0)} ms | ${postgres ? `${(postgres.imported.previewMs + postgres.imported.commitMs).toFixed(0)} ms` : '–'} | ≤ 5 s |`,
    `| rows imported | ${sqlite.imported.imported} | ${postgres?.imported.imported ?? '–'} | 10,000 |`,
  ];
  return lines.join('\n');
}
