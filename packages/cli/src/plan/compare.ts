/** One field that differs: `path` inside the resource, the live value and the wanted one. */
export interface FieldDiff {
  path: string;
  before: unknown;
  after: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; a missing value equals null. */
export function sameJson(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return a === b;
}

/**
 * What differs between the wanted and the live value. Objects compare key by key, and only
 * the keys the file lists: a key it leaves out is not managed. Arrays compare whole.
 */
export function fieldDiffs(wanted: unknown, live: unknown, path: string): FieldDiff[] {
  if (isPlainObject(wanted)) {
    const current = isPlainObject(live) ? live : {};
    return Object.entries(wanted).flatMap(([key, value]) =>
      value === undefined ? [] : fieldDiffs(value, current[key], path ? `${path}.${key}` : key),
    );
  }
  return sameJson(wanted, live) ? [] : [{ path, before: live ?? null, after: wanted }];
}

/** `patch` laid over `base` at every depth (arrays and scalars replace). */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) out[key] = deepMerge(out[key], value);
  }
  return out;
}
