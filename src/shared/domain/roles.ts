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

/** Leaders who review the letter at their disposition step (Kepala Dinas, Kabid): the letter only. */
const LETTER_READERS: readonly Role[] = ['kadin', 'kabid'];

/**
 * Who may open a stored document: the desk roles any kind; the Kepala Dinas and Kabid the
 * application letter their step asks them to review (never the KTP, selfie or SK).
 */
export function canOpenDocument(role: Role, kind: string): boolean {
  return canSeePersonalData(role) || (LETTER_READERS.includes(role) && kind === 'letter');
}
