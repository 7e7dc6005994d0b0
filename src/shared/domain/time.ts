/** Dates in Indonesian ("17 Agustus 2025") and times in the office's zone (WIB/WITA/WIT). */
import { TIME_ZONES, type TimeZoneLabel } from './office';

/** Making a formatter costs far more than using one (≈ 0.1 ms): the server formats on every step, so they are kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

export function formatDate(iso: string, zone: TimeZoneLabel = 'WIB'): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  const timeZone = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : TIME_ZONES[zone];
  return formatter('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

export function formatDateTime(iso: string, zone: TimeZoneLabel = 'WIB'): string {
  const date = new Date(iso);
  const day = formatter('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONES[zone],
  }).format(date);
  const time = formatter('id-ID', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: TIME_ZONES[zone],
  }).format(date);
  return `${day} ${time.replace('.', ':')} ${zone}`;
}

/** Today's date (YYYY-MM-DD) in the office zone. */
export function todayIn(zone: TimeZoneLabel, now: Date): string {
  return formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TIME_ZONES[zone] }).format(
    now,
  );
}
