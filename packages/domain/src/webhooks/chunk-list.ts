/** Splits a list into parts of at most `size` (D1 binds at most 100 values per statement). */
export function chunkList<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
