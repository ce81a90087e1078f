import { usageError } from "../exit-codes.ts";

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` in every string of a parsed document with the environment variable;
 * `$${` stands for a literal `${`. Unset variables are a usage error naming all of them.
 */
export function interpolate<T>(value: T, env: Record<string, string | undefined>): T {
  const missing = new Set<string>();
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") {
      return node.replace(REFERENCE, (match, name: string | undefined) => {
        if (name === undefined) return "${";
        const found = env[name];
        if (found === undefined) missing.add(name);
        return found ?? match;
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  const result = walk(value) as T;
  if (missing.size > 0) {
    throw usageError(`authpi.yaml uses unset environment variables: ${[...missing].join(", ")}`);
  }
  return result;
}
