/**
 * The shape of a catalogue, for comparing languages: every key, and for a function value the
 * named values it reads and writes into its text.
 */
export type Shape = "text" | `function(${string})` | { [key: string]: Shape };

/** Describes `value` as a {@link Shape}; a function is called with markers to see its parameters. */
export function shapeOf(value: unknown): Shape {
  if (typeof value === "string") return "text";
  if (typeof value === "function") {
    return `function(${parametersOf(value as (p: unknown) => unknown).join(", ")})`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  }
  throw new TypeError(`a catalogue holds strings, functions and objects, not ${typeof value}`);
}

function parametersOf(fn: (p: unknown) => unknown): string[] {
  const read = new Set<string>();
  const markers = new Proxy(
    {},
    {
      get: (_, key) => {
        read.add(String(key));
        return `⟨${String(key)}⟩`;
      },
    },
  );
  const text = String(fn(markers));
  // A value read but not written is flagged so a translation that drops it differs.
  return [...read].sort().map((key) => (text.includes(`⟨${key}⟩`) ? key : `${key}(unused)`));
}
