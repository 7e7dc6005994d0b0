/** The dashboard's figures: volume per period, step durations against the SOP, SLA compliance. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { DashboardView, Granularity, StepDuration, VolumeBucket } from '../../../shared/domain/dashboard';
import { ZONE_OFFSET_HOURS } from '../../../shared/domain/dashboard';
import type { TimeZoneLabel } from '../../../shared/domain/office';
import { type SopTemplate, stepOf } from '../../../shared/sop/template';
import type { ServiceContext } from '../context';
import type { Db } from '../store/db';
import { type InstantRange, stepDurationRows, totalDuration, volumeRows } from '../store/repos/dashboard';
import { readOffice } from '../store/repos/office';

const DAY_MS = 86_400_000;
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The office-zone calendar range [from 00:00, the day after `to` 00:00) as UTC instants. */
export function instantRange(from: string, to: string, zone: TimeZoneLabel): InstantRange {
  const offsetHours = ZONE_OFFSET_HOURS[zone];
  const shift = offsetHours * 3_600_000;
  return {
    fromIso: new Date(dayMs(from) - shift).toISOString(),
    toIso: new Date(dayMs(to) + DAY_MS - shift).toISOString(),
    offsetHours,
  };
}

function bucketStart(granularity: Granularity, date: string): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = (new Date(dayMs(date)).getUTCDay() + 6) % 7; // Monday = 0
  return isoDay(dayMs(date) - weekday * DAY_MS);
}

function nextBucket(granularity: Granularity, start: string): string {
  if (granularity === 'day') return isoDay(dayMs(start) + DAY_MS);
  if (granularity === 'week') return isoDay(dayMs(start) + 7 * DAY_MS);
  const d = new Date(dayMs(start));
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

const DAY_LABEL = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const MONTH_LABEL = new Intl.DateTimeFormat('id-ID', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function bucketLabel(granularity: Granularity, start: string): string {
  const date = new Date(dayMs(start));
  if (granularity === 'month') return MONTH_LABEL.format(date);
  return granularity === 'week' ? `Mg. ${DAY_LABEL.format(date)}` : DAY_LABEL.format(date);
}

/** Every bucket of the range, empty ones included, so the chart's axis has no gaps. */
export function emptyBuckets(granularity: Granularity, from: string, to: string): VolumeBucket[] {
  const buckets: VolumeBucket[] = [];
  for (let start = bucketStart(granularity, from); start <= to; start = nextBucket(granularity, start)) {
    buckets.push({
      start,
      label: bucketLabel(granularity, start),
      byServiceType: {},
      byStatus: { inProgress: 0, returned: 0, completed: 0, rejected: 0 },
      total: 0,
    });
  }
  return buckets;
}

const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

export async function dashboardView(
  db: Db,
  templates: readonly SopTemplate[],
  input: ChannelParsed<'dashboard.get'>,
): Promise<DashboardView> {
  const office = await readOffice(db);
  const range = instantRange(input.from, input.to, office?.timeZone ?? 'WIB');
  const template = templates.find((t) => t.id === office?.sopTemplateId) ?? templates[0];

  const volume = emptyBuckets(input.granularity, input.from, input.to);
  const byStart = new Map(volume.map((b) => [b.start, b]));
  for (const row of await volumeRows(db, input.granularity, range)) {
    const bucket = byStart.get(row.bucket);
    if (!bucket) continue;
    bucket.byServiceType[row.serviceType] = (bucket.byServiceType[row.serviceType] ?? 0) + row.n;
    bucket.byStatus[row.status] += row.n;
    bucket.total += row.n;
  }

  const rows = await stepDurationRows(db, range);
  const steps: StepDuration[] = rows.map((r) => {
    const step = template ? stepOf(template, r.stepNo) : undefined;
    return {
      stepNo: r.stepNo,
      activity: step?.activity ?? `Langkah ${r.stepNo}`,
      standardMinutes: step?.standardMinutes ?? null,
      count: r.count,
      averageMinutes: r.averageMinutes,
      compliancePercent: percent(r.withinStandard, r.withStandard),
    };
  });
  const within = rows.reduce((sum, r) => sum + r.withinStandard, 0);
  const withStandard = rows.reduce((sum, r) => sum + r.withStandard, 0);
  const total = await totalDuration(db, range);

  return {
    from: input.from,
    to: input.to,
    granularity: input.granularity,
    volume,
    steps,
    totalApplications: volume.reduce((sum, b) => sum + b.total, 0),
    completedApplications: total.count,
    averageTotalMinutes: total.averageMinutes,
    compliancePercent: percent(within, withStandard),
  };
}

export async function get(
  ctx: ServiceContext,
  input: ChannelParsed<'dashboard.get'>,
): Promise<ChannelResult<'dashboard.get'>> {
  return await dashboardView(ctx.db, ctx.templates, input);
}
