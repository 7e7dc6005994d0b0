/** Certificate validity: BSrE user certificates last exactly two years from issuance. */
export const CERTIFICATE_VALIDITY_YEARS = 2;

/** The last day a certificate issued on `issuedAt` (YYYY-MM-DD) is valid: two years less a day. */
export function certificateExpiry(issuedAt: string): string {
  const [y, m, d] = issuedAt.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + CERTIFICATE_VALIDITY_YEARS, m - 1, d));
  if (end.getUTCMonth() !== m - 1)
    end.setUTCDate(0); // 29 Feb → last day of Feb
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
