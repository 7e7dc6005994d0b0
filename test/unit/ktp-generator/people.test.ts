/**
 * Guards the synthetic KTP generator (scripts/ktp): the fake people must be internally consistent
 * (their NIK passes checkNik and encodes the printed birth date, sex and region), and the committed
 * fixture set in test/fixtures/ktp must match its ground-truth.json, which the OCR and face-match
 * tests read as the truth.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { GroundTruth } from '../../../scripts/ktp/generate';
import {
  AGAMA,
  GOLONGAN_DARAH,
  JENIS_KELAMIN,
  type KtpFields,
  makePeople,
  regencyPlace,
  STATUS_PERKAWINAN,
} from '../../../scripts/ktp/people';
import { createRng } from '../../../scripts/ktp/prng';
import { KTP_FIELDS } from '../../../src/shared/domain/identity';
import { checkNik } from '../../../src/shared/identity/nik';
import { districtName, provinceName, regencyName } from '../../../src/shared/regions';
import regions from '../../../src/shared/regions/regions.json';

const TODAY = new Date(2025, 5, 15);
const FIXTURES = fileURLToPath(new URL('../../fixtures/ktp', import.meta.url));

/** Every consistency rule a person's fields must satisfy; returns the broken ones. */
function problems(f: KtpFields): string[] {
  const out: string[] = [];
  const check = checkNik(f.nik, TODAY);
  if (!check.valid) out.push(`NIK ${f.nik}: ${check.errors.join('; ')}`);
  const parts = check.parts;
  if (!parts) return [...out, `NIK ${f.nik} does not decode`];
  if (parts.birthDate !== f.tanggalLahir) out.push(`birth date ${parts.birthDate} ≠ ${f.tanggalLahir}`);
  if ((parts.sex === 'P' ? 'PEREMPUAN' : 'LAKI-LAKI') !== f.jenisKelamin)
    out.push(`sex ${parts.sex} ≠ ${f.jenisKelamin}`);
  if (provinceName(parts.provinceCode)?.toUpperCase() !== f.provinsi) out.push(`provinsi ${f.provinsi}`);
  if (regencyName(parts.regencyCode)?.toUpperCase() !== f.kabupatenKota) out.push(`kabupatenKota ${f.kabupatenKota}`);
  if (districtName(parts.districtCode)?.toUpperCase() !== f.kecamatan) out.push(`kecamatan ${f.kecamatan}`);
  if (!/^(KABUPATEN|KOTA) /.test(f.kabupatenKota)) out.push('kabupatenKota lacks its prefix');
  if (f.provinsi.startsWith('PROVINSI')) out.push('provinsi keeps its prefix');
  if (!Object.values(regions.regencies).some((r) => regencyPlace(r) === f.tempatLahir))
    out.push(`tempatLahir ${f.tempatLahir}`);
  if (!(AGAMA as readonly string[]).includes(f.agama)) out.push(`agama ${f.agama}`);
  if (!(STATUS_PERKAWINAN as readonly string[]).includes(f.statusPerkawinan)) out.push(`status ${f.statusPerkawinan}`);
  if (!(GOLONGAN_DARAH as readonly string[]).includes(f.golonganDarah)) out.push(`gol. darah ${f.golonganDarah}`);
  if (!(JENIS_KELAMIN as readonly string[]).includes(f.jenisKelamin)) out.push(`jenis kelamin ${f.jenisKelamin}`);
  if (!/^\d{3}\/\d{3}$/.test(f.rtRw)) out.push(`rtRw ${f.rtRw}`);
  if (f.kewarganegaraan !== 'WNI' || f.berlakuHingga !== 'SEUMUR HIDUP') out.push('WNI / SEUMUR HIDUP');
  for (const [k, v] of Object.entries(f))
    if (v !== v.toUpperCase() || v.trim() !== v || v === '') out.push(`${k} not upper case/trimmed`);
  return out;
}

describe('synthetic people', () => {
  const people = makePeople(1234, 60);

  it('have exactly the KTP_FIELDS keys', () => {
    for (const p of people) expect(Object.keys(p.fields).sort()).toEqual([...KTP_FIELDS].sort());
  });

  it('are internally consistent: NIK valid and agreeing with birth date, sex and region names', () => {
    for (const p of people) expect(problems(p.fields), p.id).toEqual([]);
  });

  it('print the header lines and the birth date from the same data', () => {
    for (const p of people) {
      expect(p.printed.provinceLine).toBe(`PROVINSI ${p.fields.provinsi}`);
      expect(p.printed.regencyLine).toBe(p.fields.kabupatenKota);
      const [y, m, d] = p.fields.tanggalLahir.split('-');
      expect(p.printed.tanggalLahir).toBe(`${d}-${m}-${y}`);
    }
  });

  it('cover the hard cases: both sexes, Balinese names, long names, every agama and blood group', () => {
    const twelve = makePeople(99, 12).map((p) => p.fields);
    expect(new Set(twelve.map((f) => f.jenisKelamin)).size).toBe(2);
    expect(twelve.some((f) => f.nama.startsWith('I KETUT '))).toBe(true);
    expect(twelve.some((f) => f.nama.startsWith('NI LUH '))).toBe(true);
    expect(twelve.some((f) => f.nama.length > 34)).toBe(true);
    expect(new Set(twelve.map((f) => f.agama))).toEqual(new Set(AGAMA));
    expect(new Set(twelve.map((f) => f.golonganDarah))).toEqual(new Set(GOLONGAN_DARAH));
  });

  it('are deterministic for a seed and differ between seeds', () => {
    expect(makePeople(7, 5)).toEqual(makePeople(7, 5));
    expect(makePeople(7, 5).map((p) => p.fields.nik)).not.toEqual(makePeople(8, 5).map((p) => p.fields.nik));
  });

  it('use a PRNG whose forks do not depend on consumption', () => {
    const a = createRng(1, 'x');
    a.next();
    expect(a.fork('y').next()).toBe(createRng(1, 'x').fork('y').next());
  });
});

describe.runIf(existsSync(join(FIXTURES, 'ground-truth.json')))('committed fixtures (test/fixtures/ktp)', () => {
  const truth = JSON.parse(readFileSync(join(FIXTURES, 'ground-truth.json'), 'utf8')) as GroundTruth;

  it('are what the generator makes from the recorded seed', () => {
    const people = makePeople(truth.generator.seed, truth.generator.count);
    for (const card of truth.cards) {
      const p = people.find((q) => q.id === card.id);
      expect(p, card.id).toBeDefined();
      expect(card.person).toEqual({ face: p?.face, fields: p?.fields });
      expect(problems(card.person.fields), card.file).toEqual([]);
    }
  });

  it('reference only files that exist, and every generated file is referenced', () => {
    const referenced = new Set<string>([
      ...truth.cards.map((c) => c.file),
      ...truth.portraits.map((p) => p.file),
      ...truth.selfies.map((s) => s.file),
      ...truth.camera.flatMap((c) => [c.file, c.preview]),
    ]);
    for (const f of referenced) expect(existsSync(join(FIXTURES, f)), f).toBe(true);
    const present = ['cards', 'portraits', 'selfies', 'camera'].flatMap((d) =>
      readdirSync(join(FIXTURES, d)).map((f) => `${d}/${f}`),
    );
    expect(present.sort()).toEqual([...referenced].sort());
  });

  it('have a clean card plus degraded variants per person, half with an OCR-A NIK', () => {
    const clean = truth.cards.filter((c) => c.variant === 'clean');
    expect(clean).toHaveLength(truth.generator.count);
    expect(clean.filter((c) => c.nikFont === 'ocra').length).toBe(Math.ceil(clean.length / 2));
    for (const c of clean) {
      expect(c.file).toBe(`cards/${c.id}-clean.jpg`);
      expect(c.boxes?.nik).toBeDefined();
      expect(truth.cards.filter((d) => d.id === c.id && d.variant !== 'clean').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('pair selfies with faces consistently', () => {
    for (const s of truth.selfies) expect(s.kind === 'same', s.file).toBe(s.shows === s.face);
    const p = truth.layout.photo;
    expect(p.x + p.w).toBeLessThanOrEqual(1);
    expect(p.y + p.h).toBeLessThanOrEqual(1);
  });

  it('stay within the commit-size budget (8 MB)', () => {
    const size = (dir: string): number =>
      readdirSync(dir).reduce((sum, f) => {
        const s = statSync(join(dir, f));
        return sum + (s.isDirectory() ? size(join(dir, f)) : s.size);
      }, 0);
    expect(size(FIXTURES)).toBeLessThan(8 * 1024 * 1024);
  });
});
