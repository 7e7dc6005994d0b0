/**
 * The intake form's shape: the letter, the service type and one or more applicants (several for a
 * collective letter). Validated with the same zod parts the core uses for `applications.create`.
 */
import { z } from 'zod';

import type { UploadInput } from '../../shared/contract/schemas';
import { agencyHeadSchema, applicantSchema, intakeSchema, letterSchema } from '../../shared/contract/schemas';
import type { SopTemplate } from '../../shared/sop/template';

export const intakeFormSchema = z.object({
  serviceType: intakeSchema.shape.serviceType,
  renewalOfHolderId: intakeSchema.shape.renewalOfHolderId,
  letter: letterSchema,
  agencyHead: agencyHeadSchema.nullable().default(null),
  applicants: z.array(applicantSchema).min(1, 'Isi paling sedikit satu pemohon').max(30),
});
export type IntakeFormInput = z.input<typeof intakeFormSchema>;
export type IntakeFormValues = z.output<typeof intakeFormSchema>;
export type ApplicantInput = IntakeFormInput['applicants'][number];

export const emptyApplicant = (): ApplicantInput => ({
  name: '',
  nik: '',
  nip: '',
  rank: '',
  position: '',
  agency: '',
  needsOfficialEmail: false,
  officialEmail: '',
  phone: '',
});

/** The letter's shared documents, and each applicant's own (SK, KTP scan). */
export type SharedDocs = { letter?: UploadInput; recommendation?: UploadInput };
export type OwnDocs = { sk?: UploadInput; ktp?: UploadInput };
export const SHARED_KINDS = ['letter', 'recommendation'] as const;
export const OWN_KINDS = ['sk', 'ktp'] as const;

export type DocErrors = {
  shared: Partial<Record<keyof SharedDocs, string>>;
  own: Partial<Record<keyof OwnDocs, string>>[];
};

/** The template's required documents not yet chosen: on the letter, and for each of `count` applicants. */
export function missingDocuments(template: SopTemplate, shared: SharedDocs, own: OwnDocs[], count: number): DocErrors {
  const missing: DocErrors = { shared: {}, own: Array.from({ length: count }, () => ({})) };
  for (const d of template.documents.filter((x) => x.required)) {
    if (d.kind === 'letter' || d.kind === 'recommendation') {
      if (!shared[d.kind]) missing.shared[d.kind] = 'Dokumen wajib diunggah';
    } else if (d.kind === 'sk' || d.kind === 'ktp') {
      const kind = d.kind;
      missing.own.forEach((m, i) => {
        if (!own[i]?.[kind]) m[kind] = 'Dokumen wajib diunggah';
      });
    }
  }
  return missing;
}
