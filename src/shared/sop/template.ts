/**
 * A SOP template as data: the steps an office runs, who performs each, what it needs and records,
 * and its time standard. Offices load their own; the built-in ones are transcribed from real SOPs.
 */
import { z } from 'zod';

/** Who the SOP table names as the performer of a step (a column of the paper SOP). */
export const PERFORMERS = ['pemohon', 'kadin', 'kabid', 'kasi', 'verifikator', 'bsre'] as const;
export type Performer = (typeof PERFORMERS)[number];

export const PERFORMER_LABELS: Record<Performer, string> = {
  pemohon: 'Pemohon',
  kadin: 'Kepala Dinas',
  kabid: 'Kepala Bidang',
  kasi: 'Kepala Seksi',
  verifikator: 'Verifikator',
  bsre: 'BSrE',
};

/**
 * What a step records when it is completed in the app. A step may combine several (Trenggalek
 * step 5 checks completeness and registers with BSrE in one go).
 */
export const STEP_ACTIONS = [
  'intake',
  'disposition',
  'assignVerifier',
  'checklist',
  'bsreRegistration',
  'activation',
  'identityCheck',
  'passphrase',
  'issuance',
  'handover',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export const DOCUMENT_KINDS = ['letter', 'sk', 'recommendation', 'ktp', 'selfie'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  letter: 'Surat permohonan',
  sk: 'SK terakhir',
  recommendation: 'Surat rekomendasi pimpinan',
  ktp: 'Scan KTP',
  selfie: 'Swafoto pemohon',
};

const actorRole = z.enum(['kadin', 'kabid', 'kasi', 'verifikator']);

export const sopStepSchema = z.object({
  no: z.number().int().positive(),
  activity: z.string().min(1),
  performer: z.enum(PERFORMERS),
  /** The app role that records the step (the verifier records what the applicant or BSrE did). */
  actor: actorRole,
  /** The "Kelengkapan" column, verbatim. */
  requirements: z.string(),
  /** The verifier's checklist items derived from the requirements (for `checklist` steps). */
  checklist: z.array(z.string().min(1)).default([]),
  /** "Waktu" in minutes; null where the SOP gives none ("-"). */
  standardMinutes: z.number().int().positive().nullable(),
  output: z.string(),
  remarks: z.string().default(''),
  actions: z.array(z.enum(STEP_ACTIONS)).min(1),
  /** Whether the actor may return the application to the applicant at this step. */
  canReturn: z.boolean().default(false),
});
export type SopStep = z.infer<typeof sopStepSchema>;

export const sopTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    office: z.string().min(1),
    sopNumber: z.string(),
    effectiveDate: z.string(),
    source: z.string(),
    /** Records the SOP keeps beyond the step outputs ("Pencatatan dan Pendataan"). */
    records: z.array(z.string()),
    /** Whether intake records the identity of the head of the applicant's agency (KA OPD). */
    recordsAgencyHead: z.boolean(),
    documents: z.array(z.object({ kind: z.enum(DOCUMENT_KINDS), required: z.boolean() })).min(1),
    steps: z.array(sopStepSchema).min(2),
  })
  .superRefine((t, ctx) => {
    t.steps.forEach((step, i) => {
      if (step.no !== i + 1)
        ctx.addIssue({ code: 'custom', message: `Langkah ke-${i + 1} bernomor ${step.no}`, path: ['steps', i, 'no'] });
      if (step.actions.includes('checklist') && step.checklist.length === 0)
        ctx.addIssue({
          code: 'custom',
          message: `Langkah ${step.no} memeriksa kelengkapan tanpa daftar periksa`,
          path: ['steps', i, 'checklist'],
        });
    });
    if (!t.steps[0]?.actions.includes('intake'))
      ctx.addIssue({ code: 'custom', message: 'Langkah pertama harus penerimaan surat', path: ['steps', 0] });
    if (!t.steps.some((s) => s.actions.includes('handover')))
      ctx.addIssue({ code: 'custom', message: 'Templat harus punya langkah penyerahan', path: ['steps'] });
    if (!t.steps.some((s) => s.actions.includes('issuance')))
      ctx.addIssue({ code: 'custom', message: 'Templat harus punya langkah penerbitan', path: ['steps'] });
  });
export type SopTemplate = z.infer<typeof sopTemplateSchema>;

export function stepOf(template: SopTemplate, no: number): SopStep | undefined {
  return template.steps.find((s) => s.no === no);
}
