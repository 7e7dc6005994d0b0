/**
 * Reading the NIK: look-alike letters, OCR-A's k/L, one extra digit, the second passes voting, and
 * the rule that an implausible read is shown as read (low confidence), never repaired.
 */
import { describe, expect, it } from 'vitest';

import { extractNik, nikCandidates, voteNik } from '../../../src/shared/identity/ktp/nik-read';
import { KTP_CONFIDENCE_REVIEW, parseKtpText, type TextLine } from '../../../src/shared/identity/ktp/parser';
import { CLEAN_TEXT, lines, replaceLine } from './samples';

const NIK = '3503010906710217';
const nikOf = (line: string, pass?: TextLine | TextLine[]) =>
  parseKtpText(lines(replaceLine(CLEAN_TEXT, 'NIK', line)), pass).nik;

describe('the NIK from the PSM 6 line', () => {
  it.each([
    ['NIK : 3503010906710217'],
    ['NIK 2 3503010906710217'],
    ['NIK © 35030109O671O217'],
    ['NIK : 35O3O1O9O67IO2I7'],
    ['NIK : 3503 0109 0671 0217'],
    ['NIK : 3503010906710217 | ]'],
    ['NIK 1 3503010906710217'],
  ])('%s', (line) => {
    const r = nikOf(line);
    expect(r.value).toBe(NIK);
    expect(r.confidence).toBeGreaterThan(0);
  });
  it("maps look-alike letters (O I l B S, and OCR-A's k/L for 6) only inside the number", () => {
    expect(extractNik('35O3OlO9O67IO2I7')?.value).toBe(NIK);
    expect(extractNik('350301090k710217')?.value).toBe(NIK);
    expect(extractNik('350301090L710217')?.value).toBe(NIK);
    // B→8 and S→5 give 3803…: 16 digits but no such province, so kept only as a low-quality read.
    const odd = extractNik('3B0301090671021S');
    expect(odd?.value).toBe('3803010906710215');
    expect(odd?.quality).toBeLessThan(0.5);
  });
  it('returns an implausible 16-digit read with low quality rather than repairing it', () => {
    // Day 39 is no date: checkNik fails; the read is kept as printed for the verifier.
    const r = extractNik('3503013906710217');
    expect(r?.value).toBe('3503013906710217');
    expect(r?.quality).toBeLessThan(0.5);
  });
  it('leaves the NIK empty when fewer than 16 digits were read', () => {
    const r = nikOf('NIK : 350301090710217');
    expect(r.value).toBeNull();
    expect(r.confidence).toBe(0);
    expect(r.raw).toContain('350301090710217');
  });
  it('expands OCR-A glyphs both ways and drops one doubled digit, keeping only valid NIKs', () => {
    // "L" as 6 gives 09-06-71, as 1 gives 09-01-71: both real dates, so both stay candidates.
    expect(nikCandidates('350301090L710217').valid.sort()).toEqual(['3503010901710217', NIK]);
    // Another read decides between them.
    expect(
      voteNik([
        { text: '350301090L710217', confidence: 1 },
        { text: '3503010906710217', confidence: 0 },
      ])?.value,
    ).toBe(NIK);
    expect(nikCandidates('35030109067710217').valid).toContain(NIK);
    expect(nikCandidates('3503010906710217').valid).toEqual([NIK]);
    expect(voteNik([])).toBeNull();
    expect(voteNik([{ text: 'no digits', confidence: 1 }])).toBeNull();
  });
  it('a weighted read counts that many votes, and support is a share of all the weight', () => {
    const other = '3503010901710217';
    const reads = [
      { text: 'NIK : gibberish', confidence: 0.2 },
      { text: other, confidence: 0.9 },
      { text: other, confidence: 0.9 },
      { text: NIK, confidence: 0.9, weight: 3 },
    ];
    const vote = voteNik(reads);
    expect(vote?.value).toBe(NIK);
    expect(vote?.support).toBeCloseTo(3 / 6, 9);
    expect(vote?.alternatives).toEqual([
      { value: NIK, support: 0.5 },
      { value: other, support: 2 / 6 },
    ]);
    // Unweighted, the two agreeing reads win.
    expect(voteNik(reads.map(({ weight: _, ...r }) => r))?.value).toBe(other);
  });
  it('the parser keeps a pass weight between 1 and 8', () => {
    const junk = replaceLine(CLEAN_TEXT, 'NIK', 'NIK : ##########');
    const heavy = parseKtpText(lines(junk), [{ text: NIK, confidence: 90, weight: 100 }]);
    // main read (no valid NIK) + the pass at weight 8: support 8 / 9.
    expect(heavy.nik.value).toBe(NIK);
    expect(heavy.nik.confidence).toBeCloseTo(8 / 9, 2);
    const light = parseKtpText(lines(junk), [{ text: NIK, confidence: 90, weight: -4 }]);
    expect(light.nik.confidence).toBeCloseTo(1 / 2, 2);
  });
  it('does not turn words after the number into digits', () => {
    expect(extractNik('350301090671021 TRENGGALEK')).toBeNull();
  });
});

describe('the second, digits-only pass', () => {
  it('wins when it yields a valid NIK and the first read does not; confidence is the share of agreeing reads', () => {
    const r = nikOf('NIK : 350301090710217', { text: '3503010906710217', confidence: 70 });
    expect(r.value).toBe(NIK);
    expect(r.confidence).toBeCloseTo(0.5, 2);
  });
  it('wins a tie against a different first read, which stays visible in raw', () => {
    const r = nikOf('NIK : 3503010908710217', { text: NIK, confidence: 80 });
    expect(r.value).toBe(NIK);
    expect(r.raw).toContain('3503010908710217');
  });
  const split = [
    { text: '3503010908710217', confidence: 0 },
    { text: '350301090L710217', confidence: 0 },
    { text: '3503010906710217', confidence: 0 },
  ];
  it('the majority of several reads wins when nothing else on the card speaks', () => {
    const noDate = CLEAN_TEXT.filter((t) => !t.startsWith('Tempat')).map((t) =>
      t.startsWith('NIK') ? 'NIK : 3503010908710217' : t,
    );
    const r = parseKtpText(lines(noDate), split).nik;
    expect(r.value).toBe('3503010908710217');
    expect(r.confidence).toBeCloseTo(0.5, 2);
  });
  it('between close readings, the one whose date and sex the card prints wins, still unsure', () => {
    const r = nikOf('NIK : 3503010908710217', split); // the card says 09-06-1971, LAKI-LAKI
    expect(r.value).toBe(NIK);
    expect(r.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
  });
  it('a NIK the card contradicts is never sure, even when every read agrees', () => {
    const other = '3503014906710217'; // day + 40: a woman's NIK on a LAKI-LAKI card
    const r = nikOf(`NIK : ${other}`, [
      { text: other, confidence: 0 },
      { text: other, confidence: 0 },
    ]);
    expect(r.value).toBe(other); // shown as read, for the cross-check to flag
    expect(r.confidence).toBeLessThan(KTP_CONFIDENCE_REVIEW);
  });
  it('full agreement gives full confidence', () => {
    const r = nikOf('NIK : 3503010906710217', [
      { text: NIK, confidence: 0 },
      { text: NIK, confidence: 0 },
    ]);
    expect(r.confidence).toBe(1);
  });
  it('is ignored when it is not a valid NIK', () => {
    expect(nikOf('NIK : 3503010906710217', { text: '350301090671021', confidence: 95 }).value).toBe(NIK);
    expect(nikOf('NIK : 3503010906710217', { text: '3503019906710217', confidence: 95 }).value).toBe(NIK);
  });
  it('finds the NIK on a line whose label was lost', () => {
    const r = parseKtpText(lines(replaceLine(CLEAN_TEXT, 'NIK', 'ZQ 3503010906710217')));
    expect(r.nik.value).toBe(NIK);
  });
});
