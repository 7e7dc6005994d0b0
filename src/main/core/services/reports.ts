/** The facilitation report (Laporan Fasilitasi) for a month, quarter or year, on screen and as files (made in a worker thread). */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { Office } from '../../../shared/domain/office';
import { type FacilitationReport, periodSlug, type ReportPeriod } from '../../../shared/domain/reports';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { buildFacilitationReport } from '../reports/facilitation';
import { PDF_ISSUED_LIMIT } from '../reports/facilitation-pdf';
import { writeAudit } from '../store/repos/audit';
import { activeUserOfRole } from '../store/repos/facilitation';
import { readOffice } from '../store/repos/office';
import { asBuffer } from '../workers/protocol';

/** The screen lists this many issued certificates; the files carry what they need. */
const SCREEN_ISSUED_LIMIT = 1000;
const ALL = Number.MAX_SAFE_INTEGER;

function report(
  ctx: ServiceContext,
  period: ReportPeriod,
  issuedLimit: number,
): { office: Office; report: FacilitationReport } {
  const office = readOffice(ctx.db) ?? fail('SETUP_REQUIRED');
  const template = ctx.templates.find((t) => t.id === office.sopTemplateId);
  return {
    office,
    report: buildFacilitationReport(ctx.db, { office, template, period, now: ctx.clock.now(), issuedLimit }),
  };
}

export function facilitation(
  ctx: ServiceContext,
  input: ChannelParsed<'reports.facilitation'>,
): ChannelResult<'reports.facilitation'> {
  return report(ctx, input.period, SCREEN_ISSUED_LIMIT).report;
}

export async function facilitationFile(
  ctx: ServiceContext,
  input: ChannelParsed<'reports.facilitationFile'>,
): Promise<ChannelResult<'reports.facilitationFile'>> {
  const pdf = input.format === 'pdf';
  const { office, report: r } = report(ctx, input.period, pdf ? PDF_ISSUED_LIMIT : ALL);
  // The file is made in a worker thread: a year's XLSX takes seconds the other desks must not wait.
  const bytes = asBuffer(
    pdf
      ? await ctx.workers.run('report.facilitationPdf', {
          office,
          report: r,
          signers: { kasi: activeUserOfRole(ctx.db, 'kasi'), kabid: activeUserOfRole(ctx.db, 'kabid') },
        })
      : await ctx.workers.run('report.facilitationXlsx', { office, report: r }),
  );
  const fileName = `laporan-fasilitasi-${periodSlug(input.period)}.${input.format}`;
  // The report names the certificate holders (name, NIP): who took it out of the app is audited.
  writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: ctx.caller?.userId ?? null,
    action: 'reports.facilitationFile',
    entity: 'report',
    entityId: periodSlug(input.period),
    detail: { format: input.format, period: input.period, issued: r.issuedTotal },
  });
  return {
    fileName,
    mimeType: pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: bytes.toString('base64'),
  };
}
