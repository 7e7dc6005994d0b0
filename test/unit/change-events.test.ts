/** Which change events a successful mutating call announces: ids only, never content. */
import { describe, expect, it } from 'vitest';

import { changeEventsFor } from '../../src/main/core/change-events';

describe('changeEventsFor', () => {
  it('names the application from the input or an application result, then the queue', () => {
    expect(changeEventsFor('applications.act', { applicationId: 'a1', stepNo: 2 }, { id: 'a1' })).toEqual([
      { kind: 'application', applicationId: 'a1' },
      { kind: 'queue' },
    ]);
    expect(changeEventsFor('applications.create', { applicant: {} }, { id: 'a2', applicant: { nik: 'x' } })).toEqual([
      { kind: 'application', applicationId: 'a2' },
      { kind: 'queue' },
    ]);
    expect(changeEventsFor('queue.reassign', {}, { applicationId: 'a3', verifier: {} })).toEqual([
      { kind: 'application', applicationId: 'a3' },
      { kind: 'queue' },
    ]);
  });

  it('announces the recap after an import or a BSrE refresh, and nothing for settings', () => {
    expect(changeEventsFor('holders.importCommit', {}, { rows: 3 })).toEqual([{ kind: 'recap' }]);
    expect(changeEventsFor('holders.refreshBsre', {}, {})).toEqual([{ kind: 'recap' }]);
    expect(changeEventsFor('office.update', {}, { id: 'office' })).toEqual([]);
    expect(changeEventsFor('users.create', {}, { id: 'u1' })).toEqual([]);
  });
});
