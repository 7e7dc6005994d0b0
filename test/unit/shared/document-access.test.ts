/** Who may open which stored document: the rule the core enforces and the renderer mirrors. */
import { describe, expect, it } from 'vitest';

import { canOpenDocument, ROLES } from '../../../src/shared/domain/roles';
import { DOCUMENT_KINDS } from '../../../src/shared/sop/template';

describe('canOpenDocument', () => {
  it('the desk roles open every kind; Kepala Dinas and Kabid the letter only; the Admin none', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, DOCUMENT_KINDS.filter((kind) => canOpenDocument(role, kind))]),
    );
    expect(table).toEqual({
      admin: [],
      kadin: ['letter'],
      kabid: ['letter'],
      kasi: [...DOCUMENT_KINDS],
      verifikator: [...DOCUMENT_KINDS],
    });
  });
});
