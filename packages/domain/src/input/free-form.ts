import { z } from "zod";
import { type FreeFormLimits, METADATA_LIMITS } from "./limits.ts";

type Problem = { message: string; path: (string | number)[] };

/** The first limit a value breaks, walking it depth-first; null when it fits. */
function firstProblem(
  value: unknown,
  limits: FreeFormLimits,
  depth: number,
  path: (string | number)[],
): Problem | null {
  if (typeof value === "string") {
    return value.length > limits.stringLength
      ? { message: `strings are at most ${limits.stringLength} characters`, path }
      : null;
  }
  if (value === null || typeof value !== "object") return null;
  if (depth > limits.depth) return { message: `nests at most ${limits.depth} levels deep`, path };
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  if (!Array.isArray(value)) {
    if (entries.length > limits.keys) return { message: `at most ${limits.keys} keys`, path };
    const long = entries.find(([key]) => String(key).length > limits.keyLength);
    if (long) return { message: `keys are at most ${limits.keyLength} characters`, path };
  }
  for (const [key, child] of entries) {
    const problem = firstProblem(child, limits, depth + 1, [...path, key]);
    if (problem) return problem;
  }
  return null;
}

/**
 * A free-form JSON object (unknown keys allowed, by design) within `limits`; a value past a
 * limit is a 422 that names the limit.
 */
export function freeForm(overrides: Partial<FreeFormLimits> = {}) {
  const limits = { ...METADATA_LIMITS, ...overrides };
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = firstProblem(value, limits, 1, []);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
      return;
    }
    const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
    if (bytes > limits.bytes) {
      ctx.addIssue({ code: "custom", message: `at most ${limits.bytes} bytes as JSON` });
    }
  });
}

/** `metadata`: admin-only data on any resource (50 keys of ≤ 40 characters, values ≤ 500). */
export const Metadata = freeForm();
