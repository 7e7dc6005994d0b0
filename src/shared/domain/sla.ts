/** Time against the SOP standard ("mutu baku waktu"): on time, near (≥ 80%), or overdue. */
export type SlaState = 'none' | 'onTime' | 'near' | 'overdue';

export const SLA_LABELS: Record<SlaState, string> = {
  none: 'Tanpa standar waktu',
  onTime: 'Tepat waktu',
  near: 'Mendekati batas',
  overdue: 'Melewati standar',
};

export function slaState(elapsedMinutes: number, standardMinutes: number | null): SlaState {
  if (standardMinutes === null) return 'none';
  if (elapsedMinutes > standardMinutes) return 'overdue';
  if (elapsedMinutes >= standardMinutes * 0.8) return 'near';
  return 'onTime';
}

export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, (Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
}

/** "1 jam 5 menit", "3 menit", "24 jam", "2 hari 4 jam" — durations the way the SOP table speaks. */
export function formatDuration(minutes: number): string {
  const total = Math.round(minutes);
  if (total < 1) return 'kurang dari 1 menit';
  const days = total > 1440 ? Math.floor(total / 1440) : 0;
  const hours = Math.floor((total - days * 1440) / 60);
  const mins = total % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} hari`);
  if (hours) parts.push(`${hours} jam`);
  if (mins && !days) parts.push(`${mins} menit`);
  return parts.join(' ');
}
