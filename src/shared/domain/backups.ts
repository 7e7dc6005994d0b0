/** What the Admin sees of encrypted backups: the schedule, and one entry per backup attempt. */

export const DEFAULT_BACKUP_EVERY_HOURS = 24;
export const DEFAULT_BACKUP_KEEP = 14;
export const MAX_BACKUP_EVERY_HOURS = 24 * 30;
export const MAX_BACKUP_KEEP = 365;

export interface BackupSettingsView {
  /** Absolute path of the folder the .lbk files are written to. */
  directory: string;
  /** 0 = scheduled backups off. */
  everyHours: number;
  keep: number;
  /** False while the defaults are in force (never saved). */
  saved: boolean;
}

export interface BackupLogEntry {
  id: string;
  at: string;
  fileName: string;
  bytes: number;
  /** sha256 of the .lbk file as written (to check a copy on a USB disk); '' when failed. */
  sha256: string;
  trigger: 'manual' | 'scheduled';
  status: 'ok' | 'failed';
  error: string | null;
  byUserId: string | null;
  /** Milliseconds the backup took (not stored; present on the entry a run returns). */
  durationMs?: number;
}
