/** Personal-data lifecycle as both sides see it: retention of documents, the purge log, data-subject requests. */

/** Days documents are kept after the application closes; the README gives the reasoning for 90. */
export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;

/** What an erased name, NIK, phone or recipient becomes. */
export const ERASED_MARK = '[dihapus]';

export interface RetentionSettingsView {
  documentDays: number;
  /** True while no Admin has saved a value (the default applies). */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PurgeRunResult {
  at: string;
  /** Applications closed on or before this instant were due. */
  closedBefore: string;
  applications: number;
  documents: number;
  bytes: number;
  identityChecks: number;
}

export type PurgeReason = 'retention' | 'erasure';

export interface PurgeLogEntry {
  id: string;
  at: string;
  reason: PurgeReason;
  applicationId: string | null;
  referenceNo: string | null;
  documents: number;
  bytes: number;
  byName: string | null;
}

export interface ErasureKept {
  holderId: string;
  expiresAt: string;
  reason: string;
}

export interface ErasureResult {
  at: string;
  applications: { id: string; referenceNo: string; documents: number; bytes: number }[];
  holdersErased: number;
  messagesErased: number;
  kept: ErasureKept[];
}
