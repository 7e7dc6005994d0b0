import { describe, expect, it } from 'vitest';

import {
  actionSatisfiedBy,
  bsreStatusLabel,
  completedByBsre,
  suggestService,
  waitsOnBsre,
} from '../../../src/shared/domain/bsre-status';
import { findTemplate } from '../../../src/shared/sop/builtin';

describe('what a BSrE status settles', () => {
  it('activation is settled once the applicant is past NO_CERTIFICATE', () => {
    expect(actionSatisfiedBy('activation', 'NO_CERTIFICATE')).toBe(false);
    expect(actionSatisfiedBy('activation', 'WAITING_FOR_VERIFICATION')).toBe(true);
    expect(actionSatisfiedBy('activation', 'ISSUE')).toBe(true);
    expect(actionSatisfiedBy('activation', null)).toBe(false);
  });
  it('only ISSUE settles issuance', () => {
    for (const s of ['NEW', 'WAITING_FOR_VERIFICATION', 'RENEW', 'SUSPEND', 'EXPIRED', 'something-else'])
      expect(actionSatisfiedBy('issuance', s)).toBe(false);
    expect(actionSatisfiedBy('issuance', 'ISSUE')).toBe(true);
  });
  it('never settles a step the verifier must do', () => {
    expect(actionSatisfiedBy('identityCheck', 'ISSUE')).toBe(false);
    expect(actionSatisfiedBy('handover', 'ISSUE')).toBe(false);
  });
  it('tells which template steps wait on BSrE and which BSrE completes alone', () => {
    const t = findTemplate('trenggalek-2024');
    const m = findTemplate('madiun');
    expect(t?.steps.filter(waitsOnBsre).map((s) => s.no)).toEqual([6, 8, 9]);
    expect(t?.steps.filter(completedByBsre).map((s) => s.no)).toEqual([6, 8]);
    expect(m?.steps.filter(completedByBsre).map((s) => s.no)).toEqual([7, 8, 9]);
  });
});

describe('the service suggested at intake', () => {
  it('maps the statuses of bsre.md', () => {
    expect(suggestService('NOT_REGISTERED').serviceType).toBe('new');
    expect(suggestService('EXPIRED').serviceType).toBe('renewal');
    expect(suggestService('ISSUE').serviceType).toBe('passphraseHelp');
    expect(suggestService('SUSPEND').serviceType).toBeNull();
    expect(suggestService('REVOKE').advice).toMatch(/dicabut/);
  });
  it('shows an unknown status raw and says it cannot sign', () => {
    expect(suggestService('FROZEN').serviceType).toBeNull();
    expect(bsreStatusLabel('FROZEN')).toMatch(/FROZEN.*tidak dapat menandatangani/);
  });
});
