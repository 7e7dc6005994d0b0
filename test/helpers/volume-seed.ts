/**
 * Bulk-inserts a realistic office history — applications with their step events and a recap of
 * certificate holders — straight into the store, so tests and `npm run bench -- store` can ask
 * the queue, recap and report questions at the volumes a regency sees (100,000 rows and more).
 * Rows are sealed exactly as the repositories seal them; the random source is seeded, so the
 * same options always give the same data.
 */
import { blindIndex, sealText } from '../../src/main/core/crypto/aead';
import type { Db } from '../../src/main/core/store/db';
import { SERVICE_TYPES, type ServiceType } from '../../src/shared/domain/application';
import type { Role } from '../../src/shared/domain/roles';
import { maskNik } from '../../src/shared/identity/nik';
import { findTemplate } from '../../src/shared/sop/builtin';

export interface VolumeOptions {
  applications: number;
  holders: number;
  now: Date;
  templateId: string;
  creatorId: string;
  verifierIds: string[];
  /** Who acted on the kadin/kabid/kasi steps; the creator when not given. */
  actorIds?: Partial<Record<Role, string>>;
  seed?: number;
}

export interface VolumeSummary {
  applications: number;
  open: number;
  completed: number;
  stepEvents: number;
  holders: number;
  agencies: readonly string[];
}

// Trenggalek's districts (35.03.01–14) as NIK regions: structurally valid NIKs.
const DISTRICTS = Array.from({ length: 14 }, (_, i) => `3503${String(i + 1).padStart(2, '0')}`);
export const VOLUME_AGENCIES = [
  'Sekretariat Daerah',
  'Sekretariat DPRD',
  'Inspektorat',
  'Bappeda',
  'BPKAD',
  'Bapenda',
  'BKPSDM',
  'BPBD',
  'Dinas Pendidikan, Pemuda dan Olahraga',
  'Dinas Kesehatan, Pengendalian Penduduk dan KB',
  'Dinas Sosial, PPPA',
  'Dinas Komunikasi dan Informatika',
  'Dinas PUPR',
  'Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup',
  'Dinas Perhubungan',
  'Dinas Kependudukan dan Pencatatan Sipil',
  'Dinas PMPTSP dan Naker',
  'Dinas Koperasi dan Usaha Mikro',
  'Dinas Perdagangan',
  'Dinas Pertanian dan Pangan',
  'Dinas Perikanan',
  'Dinas Pariwisata dan Kebudayaan',
  'Dinas Perpustakaan dan Kearsipan',
  'Dinas Pemberdayaan Masyarakat dan Desa',
  'Satpol PP',
  'Bakesbangpol',
  'RSUD dr. Soedomo',
  'Kecamatan Panggul',
  'Kecamatan Munjungan',
  'Kecamatan Pule',
  'Kecamatan Dongko',
  'Kecamatan Tugu',
  'Kecamatan Karangan',
  'Kecamatan Kampak',
  'Kecamatan Watulimo',
  'Kecamatan Bendungan',
  'Kecamatan Gandusari',
  'Kecamatan Trenggalek',
  'Kecamatan Pogalan',
  'Kecamatan Durenan',
] as const;
const FIRST = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Eko',
  'Sri',
  'Wahyu',
  'Rina',
  'Hadi',
  'Nur',
  'Joko',
  'Lestari',
  'Bambang',
  'Yuli',
  'Dwi',
  'Endah',
];
const LAST = [
  'Santoso',
  'Rahayu',
  'Wibowo',
  'Lestari',
  'Prasetyo',
  'Susanti',
  'Hidayat',
  'Wulandari',
  'Saputra',
  'Handayani',
  'Setiawan',
  'Purnomo',
];
const POSITIONS = [
  'Kepala Bidang',
  'Kepala Seksi',
  'Sekretaris',
  'Kepala Sub Bagian',
  'Camat',
  'Lurah',
  'Kepala Dinas',
  'Bendahara',
];
const RANKS = ['Penata (III/c)', 'Penata Tk. I (III/d)', 'Pembina (IV/a)', 'Pembina Tk. I (IV/b)'];
const DAY = 86_400_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A person with a structurally valid NIK and NIP (birth date and sex agree between them). */
function person(rand: () => number, serial: number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const female = rand() < 0.5;
  const year = 1965 + Math.floor(rand() * 33);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const nik = `${pick(DISTRICTS)}${pad(female ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad((serial % 9999) + 1, 4)}`;
  const nip = `${year}${pad(month)}${pad(day)}${year + 25}${pad(1 + Math.floor(rand() * 12))}${female ? 2 : 1}${pad(serial % 1000, 3)}`;
  const name = `${pick(FIRST)} ${pick(LAST)} ${serial}`;
  const phone = `0812${pad(Math.floor(rand() * 1e8), 8)}`;
  return { nik, nip, name, phone, agency: pick(VOLUME_AGENCIES), position: pick(POSITIONS), rank: pick(RANKS) };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const expiryOf = (issuedMs: number) => {
  const d = new Date(issuedMs);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return isoDay(d.getTime() - DAY);
};

export async function seedVolume(db: Db, key: Buffer, options: VolumeOptions): Promise<VolumeSummary> {
  const template = findTemplate(options.templateId);
  if (!template) throw new Error(`no built-in template ${options.templateId}`);
  const rand = mulberry32(options.seed ?? 20261121);
  const now = options.now.getTime();
  const actorFor = (role: Role | null, verifierId: string): string =>
    role === 'verifikator' ? verifierId : (role && options.actorIds?.[role]) || options.creatorId;

  const insertApp = db.prepare(
    `INSERT INTO applications (id, reference_no, template_id, service_type, status, applicant_name, nik_sealed, nik_index, nik_masked,
       nip, rank, position, agency, official_email, needs_official_email, phone_sealed, letter_number, letter_date, letter_subject,
       agenda_number, assigned_verifier_id, current_step_no, current_step_started_at, return_reason, issued_at, expires_at,
       created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'Permohonan Penerbitan Sertifikat Elektronik', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO step_events (id, application_id, step_no, kind, actor_id, actor_role, at, started_at, elapsed_minutes, standard_minutes, note, data_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '{}')`,
  );
  const insertHolder = db.prepare(
    `INSERT INTO holders (id, application_id, name, nik_sealed, nik_index, nik_masked, nip, agency, position, official_email,
       phone_sealed, issued_at, expires_at, bsre_status, created_at, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const summary = { applications: 0, open: 0, completed: 0, stepEvents: 0, holders: 0 };
  const issuedApps: { id: string; p: ReturnType<typeof person>; issuedMs: number }[] = [];
  const steps = template.steps;
  const lastStep = steps[steps.length - 1]?.no ?? 1;

  // Bulk load: indexes are dropped and rebuilt afterwards (a sorted build is many times faster
  // than a million random B-tree inserts), and ids are ordered for the same reason.
  const indexes = (await db
    .prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('applications','step_events','holders')",
    )
    .all()) as { sql: string }[];
  const run = `${(options.seed ?? 20261121).toString(36)}-${Date.now().toString(36)}`;
  let eventNo = 0;
  const orderedId = (prefix: string, n: number) => `${prefix}-${run}-${pad(n, 8)}`;
  const synchronous = db.sqlite!.pragma('synchronous', { simple: true });
  db.sqlite!.pragma('synchronous = OFF');
  for (const { sql } of indexes) await db.exec(`DROP INDEX ${/CREATE (?:UNIQUE )?INDEX (\S+)/.exec(sql)?.[1]}`);

  await db.transaction(async () => {
    for (let i = 0; i < options.applications; i++) {
      const id = orderedId('va', i);
      const p = person(rand, i);
      const createdMs = now - Math.floor(rand() * 730 * DAY) - 60_000;
      const age = (now - createdMs) / DAY;
      const roll = rand();
      const open = age < 14 ? roll < 0.5 : roll < 0.01;
      const status = open ? (rand() < 0.15 ? 'returned' : 'inProgress') : roll > 0.95 ? 'rejected' : 'completed';
      const verifierId = options.verifierIds[i % options.verifierIds.length] ?? options.creatorId;
      const reachedStep = status === 'completed' ? lastStep + 1 : 1 + Math.floor(rand() * lastStep);
      let at = createdMs;
      let stepStartedMs = createdMs;
      const events: unknown[][] = [];
      for (const step of steps) {
        if (step.no >= reachedStep) break;
        const standard = step.standardMinutes;
        const elapsed = Math.max(1, Math.round((standard ?? 30) * (0.3 + rand() * (rand() < 0.15 ? 3 : 1.1))));
        const done = at + elapsed * 60_000;
        events.push([
          orderedId('ve', eventNo++),
          id,
          step.no,
          'completed',
          actorFor(step.actor, verifierId),
          step.actor ?? 'verifikator',
          new Date(done).toISOString(),
          new Date(at).toISOString(),
          elapsed,
          standard,
        ]);
        at = done;
        stepStartedMs = done;
      }
      if (status === 'rejected' || status === 'returned') {
        const stepNo = Math.min(reachedStep, lastStep);
        events.push([
          orderedId('ve', eventNo++),
          id,
          stepNo,
          status,
          verifierId,
          'verifikator',
          new Date(at + 600_000).toISOString(),
          new Date(at).toISOString(),
          10,
          null,
        ]);
      }
      const issued = status === 'completed';
      const issuedMs = at - 60_000;
      const serviceType: ServiceType = rand() < 0.7 ? 'new' : (SERVICE_TYPES[1 + Math.floor(rand() * 4)] ?? 'renewal');
      await insertApp.run(
        id,
        `TTE/${new Date(createdMs).getUTCFullYear()}/${pad(i + 1, 6)}`,
        template.id,
        serviceType,
        status,
        p.name,
        sealText(key, p.nik, `application:${id}:nik`),
        blindIndex(key, p.nik),
        maskNik(p.nik),
        p.nip,
        p.rank,
        p.position,
        p.agency,
        `${p.name.split(' ')[0]?.toLowerCase()}${i}@trenggalekkab.go.id`,
        sealText(key, p.phone, `application:${id}:phone`),
        `800/${i + 1}/406.020/${new Date(createdMs).getUTCFullYear()}`,
        isoDay(createdMs - DAY),
        `${i + 1}`,
        verifierId,
        issued ? lastStep : Math.min(reachedStep, lastStep),
        new Date(status === 'inProgress' ? stepStartedMs : at).toISOString(),
        status === 'returned' ? 'Scan SK belum terbaca' : null,
        issued ? isoDay(issuedMs) : null,
        issued ? expiryOf(issuedMs) : null,
        new Date(createdMs).toISOString(),
        options.creatorId,
        new Date(at).toISOString(),
      );
      for (const e of events) await insertEvent.run(...e);
      summary.applications++;
      summary.stepEvents += events.length;
      if (open) summary.open++;
      if (issued) {
        summary.completed++;
        issuedApps.push({ id, p, issuedMs });
      }
    }

    for (let h = 0; h < options.holders; h++) {
      const id = orderedId('vh', h);
      const fromApp = issuedApps[h];
      const p = fromApp?.p ?? person(rand, options.applications + h);
      const issuedMs = fromApp?.issuedMs ?? now - Math.floor(rand() * 760 * DAY);
      const expires = expiryOf(issuedMs);
      const status = expires < isoDay(now) ? 'EXPIRED' : rand() < 0.01 ? 'REVOKE' : 'ISSUE';
      await insertHolder.run(
        id,
        fromApp?.id ?? null,
        p.name,
        sealText(key, p.nik, `holder:${id}:nik`),
        blindIndex(key, p.nik),
        maskNik(p.nik),
        p.nip,
        p.agency,
        p.position,
        `${p.name.split(' ')[0]?.toLowerCase()}.${h}@trenggalekkab.go.id`,
        sealText(key, p.phone, `holder:${id}:phone`),
        isoDay(issuedMs),
        expires,
        status,
        new Date(issuedMs).toISOString(),
        fromApp ? 'application' : 'import',
      );
      summary.holders++;
    }
    for (const { sql } of indexes) await db.exec(sql);
  });
  db.sqlite!.pragma(`synchronous = ${synchronous}`);
  await db.exec('ANALYZE');
  return { ...summary, agencies: VOLUME_AGENCIES };
}
