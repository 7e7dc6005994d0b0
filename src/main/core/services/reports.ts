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

async function report(
  ctx: ServiceContext,
  period: ReportPeriod,
  issuedLimit: number,
): Promise<{ office: Office; report: FacilitationReport }> {
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  const template = ctx.templates.find((t) => t.id === office.sopTemplateId);
  return {
    office,
    report: await buildFacilitationReport(ctx.db, { office, template, period, now: ctx.clock.now(), issuedLimit }),
  };
}

export async function facilitation(
  ctx: ServiceContext,
  input: ChannelParsed<'reports.facilitation'>,
): Promise<ChannelResult<'reports.facilitation'>> {
  return (await report(ctx, input.period, SCREEN_ISSUED_LIMIT)).report;
}

/** The file, made in a worker thread: a year's XLSX takes seconds the other desks must not wait. */
async function fileBytes(
  ctx: ServiceContext,
  period: ReportPeriod,
  format: 'pdf' | 'xlsx',
): Promise<{ bytes: Buffer; issuedTotal: number }> {
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  if (ctx.db.engine === 'sqlite' && ctx.db.name !== ':memory:') {
    // The worker counts on its own read connection too: the year's queries leave this thread as well.
    const template = ctx.templates.find((t) => t.id === office.sopTemplateId);
    const { bytes, issuedTotal } = await ctx.workers.run('report.facilitationFile', {
      dbPath: ctx.db.name,
      office,
      template,
      period,
      now: ctx.clock.now(),
      format,
    });
    return { bytes: asBuffer(bytes), issuedTotal };
  }
  // Counted here, the file made there: an in-memory store has no file another connection could read,
  // and on PostgreSQL the counting runs in the database server while this loop only awaits it.
  const pdf = format === 'pdf';
  const { report: r } = await report(ctx, period, pdf ? PDF_ISSUED_LIMIT : ALL);
  const bytes = pdf
    ? await ctx.workers.run('report.facilitationPdf', {
        office,
        report: r,
        signers: { kasi: await activeUserOfRole(ctx.db, 'kasi'), kabid: await activeUserOfRole(ctx.db, 'kabid') },
      })
    : await ctx.workers.run('report.facilitationXlsx', { office, report: r });
  return { bytes: asBuffer(bytes), issuedTotal: r.issuedTotal };
}

export async function facilitationFile(
  ctx: ServiceContext,
  input: ChannelParsed<'reports.facilitationFile'>,
): Promise<ChannelResult<'reports.facilitationFile'>> {
  const pdf = input.format === 'pdf';
  const { bytes, issuedTotal } = await fileBytes(ctx, input.period, input.format);
  const fileName = `laporan-fasilitasi-${periodSlug(input.period)}.${input.format}`;
  // The report names the certificate holders (name, NIP): who took it out of the app is audited.
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: ctx.caller?.userId ?? null,
    action: 'reports.facilitationFile',
    entity: 'report',
    entityId: periodSlug(input.period),
    detail: { format: input.format, period: input.period, issued: issuedTotal },
  });
  return {
    fileName,
    mimeType: pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    dataBase64: bytes.toString('base64'),
  };
}
