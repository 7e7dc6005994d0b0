/**
 * `Array.map` for async work that reads the store: one item after the other, so the statements of
 * a transaction run in a known order on its one connection (and a PostgreSQL client is never asked
 * for two queries at once).
 */
export async function mapInOrder<T, U>(items: readonly T[], fn: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const out: U[] = [];
  for (const [index, item] of items.entries()) out.push(await fn(item, index));
  return out;
}
