import { describe, expect, it } from 'vitest';

import { translate, valuesFor } from '../../../src/main/core/store/postgres/placeholders';

describe('one SQL text for both engines: ? and @name become $n for PostgreSQL', () => {
  it('numbers positional parameters in order', () => {
    const t = translate('SELECT * FROM a WHERE x = ? AND y IN (?, ?)');
    expect(t.text).toBe('SELECT * FROM a WHERE x = $1 AND y IN ($2, $3)');
    expect(valuesFor(t, ['a', 2, null])).toEqual(['a', 2, null]);
  });

  it('gives a repeated @name one number and takes values from the object', () => {
    const t = translate('UPDATE a SET s = @status, c = CASE WHEN @status = 1 THEN @at END WHERE id = @id');
    expect(t.text).toBe('UPDATE a SET s = $1, c = CASE WHEN $1 = 1 THEN $2 END WHERE id = $3');
    expect(valuesFor(t, [{ id: 'x', status: 1, at: 'now' }])).toEqual([1, 'now', 'x']);
  });

  it('leaves question marks and at-signs inside strings, quoted names and comments alone', () => {
    const t = translate(`SELECT 'what?' AS "q?", 'it''s @home' -- why? @x\n FROM a WHERE b = ?`);
    expect(t.text).toBe(`SELECT 'what?' AS "q?", 'it''s @home' -- why? @x\n FROM a WHERE b = $1`);
    expect(t.slots).toEqual([0]);
  });

  it('refuses a missing named value and too few positional ones, instead of sending NULL silently', () => {
    expect(() => valuesFor(translate('SELECT @a, @b'), [{ a: 1 }])).toThrow(/@b/);
    expect(() => valuesFor(translate('SELECT ?, ?'), [1])).toThrow(/too few/);
  });

  it('passes a Buffer as a value, not as an object of named values', () => {
    const bytes = Buffer.from('sealed');
    expect(valuesFor(translate('INSERT INTO d (b) VALUES (?)'), [bytes])).toEqual([bytes]);
  });

  it('takes positional values followed by one object of named ones, as better-sqlite3 does', () => {
    const t = translate('SELECT ? AS a, @w0 AS b, ? AS c');
    expect(valuesFor(t, ['x', 'z', { w0: 'y' }])).toEqual(['x', 'y', 'z']);
    expect(() => valuesFor(t, ['x', { w0: 'y' }])).toThrow(/too few/);
  });

  it('quotes mixed-case aliases (PostgreSQL would fold them to lower case) and leaves the rest as written', () => {
    const t = translate("SELECT reference_no AS referenceNo, COUNT(*) AS n, 'keepMe' FROM a ORDER BY referenceNo");
    expect(t.text).toBe(`SELECT reference_no AS "referenceNo", COUNT(*) AS n, 'keepMe' FROM a ORDER BY "referenceNo"`);
  });
});
