/**
 * The facilitation report's file (PDF or XLSX) built from the store by a task worker thread on its
 * own read connection: the year's counting queries and the file both stay off the core's event
 * loop. Needs no data key (the report holds names and NIPs, which are stored in the clear).
 */
import type { Office } from '../../../shared/domain/office';
import type { ReportPeriod } from '../../../shared/domain/reports';
import type { SopTemplate } from '../../../shared/sop/template';
import { activeUserOfRole } from '../store/repos/facilitation';
import { readConnection } from '../workers/read-store';
import { buildFacilitationReport } from './facilitation';
import { facilitationPdf, PDF_ISSUED_LIMIT } from './facilitation-pdf';
import { facilitationXlsx } from './facilitation-xlsx';

export interface FacilitationFileInput {
  dbPath: string;
  office: Office;
  template: SopTemplate | undefined;
  period: ReportPeriod;
  now: Date;
  format: 'pdf' | 'xlsx';
}

export async function facilitationFileFromStore(
  input: FacilitationFileInput,
): Promise<{ bytes: Buffer; issuedTotal: number }> {
  const db = readConnection(input.dbPath);
  const pdf = input.format === 'pdf';
  const report = await buildFacilitationReport(db, {
    office: input.office,
    template: input.template,
    period: input.period,
    now: input.now,
    issuedLimit: pdf ? PDF_ISSUED_LIMIT : Number.MAX_SAFE_INTEGER,
  });
  const bytes = pdf
    ? await facilitationPdf(input.office, report, {
        kasi: await activeUserOfRole(db, 'kasi'),
        kabid: await activeUserOfRole(db, 'kabid'),
      })
    : await facilitationXlsx(input.office, report);
  return { bytes, issuedTotal: report.issuedTotal };
}
