/**
 * The catalogue of every value sealed under the data key and every blind index keyed by it, with
 * the associated data each is bound to. Key rotation walks this list; a test checks that every
 * BLOB column of the schema is listed here or declared non-secret, so a new one cannot be missed.
 */

export interface SealedColumn {
  table: string;
  column: string;
  /** The table's primary key: how rotation finds the row again (SQLite's rowid is not on PostgreSQL). */
  key: readonly string[];
  /** Columns the associated data is made of (read with the sealed value). */
  uses: readonly string[];
  ad(row: Record<string, unknown>): string;
}

export interface BlindIndexColumn {
  table: string;
  column: string;
  /** The sealed column whose opened value is indexed. */
  from: string;
}

const s = String;

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'applications', column: 'nik_sealed', key: ['id'], uses: ['id'], ad: (r) => `application:${s(r.id)}:nik` },
  {
    table: 'applications',
    column: 'phone_sealed',
    key: ['id'],
    uses: ['id'],
    ad: (r) => `application:${s(r.id)}:phone`,
  },
  {
    table: 'documents',
    column: 'sealed',
    key: ['id'],
    uses: ['id', 'application_id'],
    ad: (r) => `document:${s(r.id)}:${s(r.application_id)}`,
  },
  { table: 'holders', column: 'nik_sealed', key: ['id'], uses: ['id'], ad: (r) => `holder:${s(r.id)}:nik` },
  { table: 'holders', column: 'phone_sealed', key: ['id'], uses: ['id'], ad: (r) => `holder:${s(r.id)}:phone` },
  {
    table: 'identity_checks',
    column: 'ocr_sealed',
    key: ['id'],
    uses: ['id'],
    ad: (r) => `identity_check:${s(r.id)}:ocr`,
  },
  {
    table: 'identity_checks',
    column: 'confirmed_sealed',
    key: ['id'],
    uses: ['id'],
    ad: (r) => `identity_check:${s(r.id)}:confirmed`,
  },
  {
    table: 'message_log',
    column: 'recipient_sealed',
    key: ['id'],
    uses: ['id'],
    ad: (r) => `message_log:${s(r.id)}:recipient`,
  },
  { table: 'bsre_settings', column: 'password_sealed', key: ['id'], uses: [], ad: () => 'bsre_settings:password' },
  { table: 'bsre_outbox', column: 'payload_sealed', key: ['id'], uses: ['id'], ad: (r) => `bsre_outbox:${s(r.id)}` },
  { table: 'bsre_responses', column: 'sealed', key: ['id'], uses: ['id'], ad: (r) => `bsre_response:${s(r.id)}` },
  { table: 'smtp_settings', column: 'password_sealed', key: ['id'], uses: [], ad: () => 'smtp_settings:password' },
  {
    table: 'idempotency_keys',
    column: 'result_sealed',
    key: ['user_id', 'key'],
    uses: ['user_id', 'key'],
    ad: (r) => `idempotency:${s(r.user_id)}:${s(r.key)}`,
  },
  {
    table: 'staff_directory',
    column: 'phone_sealed',
    key: ['nip'],
    uses: ['nip'],
    ad: (r) => `staff:${s(r.nip)}:phone`,
  },
  {
    table: 'intake_ktp_readings',
    column: 'ocr_sealed',
    key: ['application_id'],
    uses: ['application_id'],
    ad: (r) => `intake_ktp:${s(r.application_id)}:ocr`,
  },
  {
    table: 'intake_drafts',
    column: 'sealed',
    key: ['user_id'],
    uses: ['user_id'],
    ad: (r) => `intake_draft:${s(r.user_id)}`,
  },
];

export const BLIND_INDEXES: readonly BlindIndexColumn[] = [
  { table: 'applications', column: 'nik_index', from: 'nik_sealed' },
  { table: 'holders', column: 'nik_index', from: 'nik_sealed' },
];

/** BLOB-holding columns that carry nothing secret: SQLite's own FTS5 shadow tables of the holder names. */
export const NON_SECRET_BLOB_TABLES: readonly RegExp[] = [/^holders_name_fts(_(data|idx|docsize|config|content))?$/];
