import { describe, expect, it } from 'vitest';

import { hasAllowedExtension, sniffMimeType } from '../../../src/shared/contract/files';
import { certificateExpiry } from '../../../src/shared/domain/certificate';
import { formatDuration, minutesBetween, slaState } from '../../../src/shared/domain/sla';
import { formatDate, formatDateTime, todayIn } from '../../../src/shared/domain/time';

describe('certificateExpiry', () => {
  it('is two years less a day after issuance', () => {
    expect(certificateExpiry('2026-11-21')).toBe('2028-11-20');
    expect(certificateExpiry('2026-01-01')).toBe('2027-12-31');
  });
  it('handles a 29 February issuance (no 29 February two years later)', () => {
    expect(certificateExpiry('2028-02-29')).toBe('2030-02-28');
  });
});

describe('slaState', () => {
  it('is on time below 80% of the standard, near from 80%, overdue past it', () => {
    expect(slaState(11.9, 15)).toBe('onTime');
    expect(slaState(12, 15)).toBe('near');
    expect(slaState(15, 15)).toBe('near');
    expect(slaState(15.01, 15)).toBe('overdue');
  });
  it('has no state when the SOP gives no standard', () => {
    expect(slaState(500, null)).toBe('none');
  });
  it('measures minutes between instants and never goes negative', () => {
    expect(minutesBetween('2026-11-21T07:00:00Z', '2026-11-21T07:07:30Z')).toBe(7.5);
    expect(minutesBetween('2026-11-21T07:10:00Z', '2026-11-21T07:00:00Z')).toBe(0);
  });
});

describe('formatDuration', () => {
  it('speaks the way the SOP table does', () => {
    expect(formatDuration(0.4)).toBe('kurang dari 1 menit');
    expect(formatDuration(5)).toBe('5 menit');
    expect(formatDuration(65)).toBe('1 jam 5 menit');
    expect(formatDuration(1440)).toBe('24 jam');
    expect(formatDuration(1440 * 2 + 240)).toBe('2 hari 4 jam');
  });
});

describe('Indonesian dates in the office zone', () => {
  it('writes dates the Indonesian way', () => {
    expect(formatDate('2025-08-17')).toBe('17 Agustus 2025');
  });
  it('shows an instant in WIB, WITA or WIT', () => {
    expect(formatDateTime('2026-11-21T17:30:00Z', 'WIB')).toBe('22 November 2026 00:30 WIB');
    expect(formatDateTime('2026-11-21T17:30:00Z', 'WIT')).toBe('22 November 2026 02:30 WIT');
    expect(formatDateTime('2026-11-21T15:30:00Z', 'WITA')).toBe('21 November 2026 23:30 WITA');
  });
  it("takes today's date from the office zone, not UTC", () => {
    const lateUtc = new Date('2026-12-31T18:00:00Z');
    expect(todayIn('WIB', lateUtc)).toBe('2027-01-01');
    expect(todayIn('WIB', new Date('2026-12-31T16:59:00Z'))).toBe('2026-12-31');
  });
});

describe('upload sniffing', () => {
  it('recognises PDF, JPEG and PNG by their first bytes only', () => {
    expect(sniffMimeType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMimeType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMimeType(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe('image/png');
    expect(sniffMimeType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffMimeType(Buffer.from('%PD'))).toBeNull();
    expect(sniffMimeType(new Uint8Array())).toBeNull();
  });
  it('allows only .pdf, .jpg, .jpeg and .png names', () => {
    expect(hasAllowedExtension('Surat.PDF')).toBe(true);
    expect(hasAllowedExtension('ktp.jpeg')).toBe(true);
    expect(hasAllowedExtension('surat.pdf.exe')).toBe(false);
    expect(hasAllowedExtension('pdf')).toBe(false);
  });
});
