/** Numbers, minutes and percentages written the Indonesian way for reports (1.234; 12,5 menit; 87,5%). */
const integer = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '-';
  return minutes >= 120 ? `${decimal.format(minutes / 60)} jam` : `${decimal.format(minutes)} menit`;
}

export const formatPercent = (p: number | null): string => (p === null ? '-' : `${decimal.format(p)}%`);
