/**
 * The tasks a task worker thread can run, by name. Each takes plain data (structured-clone
 * friendly: no store handle, no data key — only the backup's derived key) and returns bytes or
 * plain data. Workers that read the store open their own connection through store/sqlite.ts.
 */
import type { HolderView } from '../../../shared/domain/application';
import type { Office } from '../../../shared/domain/office';
import type { FacilitationReport } from '../../../shared/domain/reports';
import { sealBackup, type SealJob } from '../backup/seal';
import { readRecapSheet, type RecapSheetInput } from '../records/recap-sheet';
import { readStaffSheet, type StaffSheetInput } from '../records/staff-sheet';
import { type ApplicationFormInput, applicationFormPdf } from '../reports/application-form-pdf';
import { type DispositionInput, dispositionPdf } from '../reports/disposition-pdf';
import { facilitationFileFromStore, type FacilitationFileInput } from '../reports/facilitation-file';
import { facilitationPdf, type ReportSigners } from '../reports/facilitation-pdf';
import { facilitationXlsx } from '../reports/facilitation-xlsx';
import { type HandoverReceiptInput, handoverReceiptPdf } from '../reports/handover-receipt-pdf';
import { type PrivacyExportBody, privacyExportFile } from '../reports/privacy-export-json';
import { buildPdf, buildXlsx, type ExportFilter } from '../services/recap-export';
import { openSqlite } from '../store/sqlite';
import { threadDiagnostics } from './background-priority';

export interface RecapExportInput {
  format: 'xlsx' | 'pdf';
  rows: HolderView[];
  filter: ExportFilter;
  office: Office;
  generatedAt: Date;
}

export const TASKS = {
  /** Answers with its input: a thread's start-up and round trip. */
  echo: (input: unknown): unknown => input,
  'diagnostics.thread': () => threadDiagnostics(),
  /** Which SQLite the thread's connections use (check:package: the add-on the host chose loads there too). */
  'diagnostics.sqlite': () => {
    const db = openSqlite(':memory:');
    try {
      return { version: db.prepare('SELECT sqlite_version() AS v').pluck().get() as string };
    } finally {
      db.close();
    }
  },
  'report.facilitationFile': (input: FacilitationFileInput) => facilitationFileFromStore(input),
  'report.facilitationXlsx': (input: { office: Office; report: FacilitationReport }) =>
    facilitationXlsx(input.office, input.report),
  'report.facilitationPdf': (input: { office: Office; report: FacilitationReport; signers: ReportSigners }) =>
    facilitationPdf(input.office, input.report, input.signers),
  'printable.disposition': (input: DispositionInput) => dispositionPdf(input),
  'printable.applicationForm': (input: ApplicationFormInput) => applicationFormPdf(input),
  'printable.handoverReceipt': (input: HandoverReceiptInput) => handoverReceiptPdf(input),
  'recap.exportFile': (input: RecapExportInput) =>
    input.format === 'xlsx'
      ? buildXlsx(input.rows, input.filter, input.office, input.generatedAt)
      : buildPdf(input.rows, input.filter, input.office),
  'recap.readSheet': (input: RecapSheetInput) => readRecapSheet(input),
  'staff.readSheet': (input: StaffSheetInput) => readStaffSheet(input),
  'backup.seal': (input: SealJob) => sealBackup(input),
  'privacy.exportFile': (input: PrivacyExportBody) => privacyExportFile(input),
};
