/** The office roles of the SOP chain plus the Admin TTE, with their Indonesian labels. */
export const ROLES = ['admin', 'kadin', 'kabid', 'kasi', 'verifikator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin TTE',
  kadin: 'Kepala Dinas',
  kabid: 'Kepala Bidang',
  kasi: 'Kepala Seksi',
  verifikator: 'Verifikator',
};

/** Roles that work with applicants' personal data (full NIK, phone, documents). */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['verifikator', 'kasi'];

export function canSeePersonalData(role: Role): boolean {
  return PERSONAL_DATA_ROLES.includes(role);
}
