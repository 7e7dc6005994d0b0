/**
 * One SQL text for both engines: the repositories write SQLite's `?` and `@name` parameters, and
 * PostgreSQL wants `$1…$n`. The text is rewritten once (kept per text) outside quoted strings,
 * quoted names and comments; an `@name` used twice is one `$n`. The values are then laid out in
 * the order the numbers need. A mixed-case name (`AS referenceNo`, the repositories' camelCase
 * aliases) is quoted, since PostgreSQL folds unquoted names to lower case and SQLite keeps them.
 */
import type { SqlArg, SqlValue } from '../store';

export interface Translated {
  text: string;
  /** For each $n: the position of a `?` (number) or the name of an `@name` (string). */
  slots: (number | string)[];
}

const translations = new Map<string, Translated>();
const TRANSLATION_LIMIT = 2000;

export function translate(sql: string): Translated {
  const kept = translations.get(sql);
  if (kept) return kept;
  const made = rewrite(sql);
  if (translations.size < TRANSLATION_LIMIT) translations.set(sql, made);
  return made;
}

function rewrite(sql: string): Translated {
  const slots: (number | string)[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      slots.push(positional++);
      out += `$${slots.length}`;
      i++;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const match = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i))!;
      const name = match[1]!;
      let n = named.get(name);
      if (n === undefined) {
        slots.push(name);
        n = slots.length;
        named.set(name, n);
      }
      out += `$${n}`;
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      out += /[a-z]/.test(word) && /[A-Z]/.test(word) ? `"${word}"` : word;
      i += word.length;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, slots };
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/**
 * The values for `$1…$n`, from positional arguments, optionally followed by one object of named
 * ones (better-sqlite3 takes both in one call).
 */
export function valuesFor(translated: Translated, params: readonly SqlArg[]): SqlValue[] {
  const last = params[params.length - 1];
  const named =
    last !== null && typeof last === 'object' && !Buffer.isBuffer(last)
      ? (last as Readonly<Record<string, SqlValue | undefined>>)
      : null;
  const positional = named ? params.length - 1 : params.length;
  return translated.slots.map((slot) => {
    if (typeof slot === 'string') {
      if (!named || !(slot in named)) throw new RangeError(`missing named parameter @${slot}`);
      return named[slot] ?? null;
    }
    if (slot >= positional) throw new RangeError(`too few parameter values (${positional})`);
    return params[slot] as SqlValue;
  });
}
