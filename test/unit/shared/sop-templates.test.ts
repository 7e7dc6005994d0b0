import { describe, expect, it } from 'vitest';

import { BUILTIN_TEMPLATES, findTemplate } from '../../../src/shared/sop/builtin';
import { sopTemplateSchema } from '../../../src/shared/sop/template';

const trenggalek = findTemplate('trenggalek-2024');
const madiun = findTemplate('madiun');

describe('built-in SOP templates, transcribed from the seeds', () => {
  it('both load and validate', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.id)).toEqual(['trenggalek-2024', 'madiun']);
  });

  it('Trenggalek 2024 has 9 steps of 15 minutes with the chain Kadin → Kabid → Kasi → Verifikator', () => {
    expect(trenggalek?.sopNumber).toBe('000.8.3.3/500/SOP/406.020/2024');
    expect(trenggalek?.steps.map((s) => s.standardMinutes)).toEqual([15, 15, 15, 15, 15, 15, 15, 15, 15]);
    expect(trenggalek?.steps.slice(1, 5).map((s) => s.actor)).toEqual(['kadin', 'kabid', 'kasi', 'verifikator']);
    expect(trenggalek?.steps[6]?.actions).toEqual(['identityCheck']);
    expect(trenggalek?.steps[6]?.output).toBe('Foto Selfie Pemohon');
    expect(trenggalek?.steps[8]?.remarks).toMatch(/Masa berlaku 2 Tahun/);
    expect(trenggalek?.records).toContain('Laporan Fasilitasi Layanan Penerbitan Sertifikat Elektronik');
  });

  it('Madiun has 10 steps, step 1 without a standard and step 9 of 24 hours by BSrE', () => {
    expect(madiun?.sopNumber).toBe('12.4.1.3');
    expect(madiun?.steps.map((s) => s.standardMinutes)).toEqual([null, 5, 5, 5, 15, 15, 15, 5, 1440, 5]);
    expect(madiun?.steps[8]?.performer).toBe('bsre');
    expect(madiun?.steps[9]?.requirements).toBe('Data pemohon masuk ke rekap pengguna TTE');
    expect(madiun?.recordsAgencyHead).toBe(true);
    expect(madiun?.records).toEqual(['Data Identitas KA OPD', 'Data email dinas Pemohon TTE']);
  });

  it('refuses a template whose steps are out of order or lack intake, issuance or handover', () => {
    const base = structuredClone(trenggalek);
    const swapped = { ...base, steps: [base?.steps[1], base?.steps[0], ...(base?.steps.slice(2) ?? [])] };
    expect(sopTemplateSchema.safeParse(swapped).success).toBe(false);
    const noHandover = {
      ...base,
      steps: base?.steps.map((s) => ({ ...s, actions: s.actions.filter((a) => a !== 'handover') })),
    };
    expect(sopTemplateSchema.safeParse(noHandover).success).toBe(false);
    const checklistWithoutItems = {
      ...base,
      steps: base?.steps.map((s) => (s.no === 5 ? { ...s, checklist: [] } : s)),
    };
    expect(sopTemplateSchema.safeParse(checklistWithoutItems).success).toBe(false);
  });
});
