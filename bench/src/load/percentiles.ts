/** The p-th percentile (nearest rank) of unsorted samples; 0 for none. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return 0;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median of a few numbers (cold starts). */
export function median(values: number[]): number {
  return percentile(values, 50);
}
