import { DomainError } from "../errors.ts";

/** The parameters of an OAuth request, however they were encoded (query, form or JSON). */
export interface RequestParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

export type ParameterEntries = ReadonlyArray<readonly [string, string]>;

/** RFC 8707 §2: `resource` may be sent several times; no other parameter may. */
const REPEATABLE: ReadonlySet<string> = new Set(["resource"]);

/** The parameters (first values), and the names sent more than once, in order. */
export interface ParameterRead {
  params: RequestParams;
  repeated: readonly string[];
}

/**
 * The one check of request parameters for /authorize and /token: a parameter sent twice is
 * listed in `repeated` (RFC 6749 §3.1, §3.2: "MUST NOT be included more than once"), whatever
 * its name; a parameter outside `accepted` is left out of the view, since the server "MUST
 * ignore unrecognized request parameters" (same sections). Without `accepted` all are kept.
 */
export function readParameters(
  entries: ParameterEntries,
  accepted?: readonly string[],
): ParameterRead {
  const values = new Map<string, string[]>();
  for (const [key, value] of entries) values.set(key, [...(values.get(key) ?? []), value]);
  const repeated = [...values]
    .filter(([key, list]) => list.length > 1 && !REPEATABLE.has(key))
    .map(([key]) => key);
  const params: RequestParams = {
    get: (name) => values.get(name)?.[0] ?? null,
    getAll: (name) => values.get(name) ?? [],
  };
  return { params: accepted ? onlyParameters(params, accepted) : params, repeated };
}

/** {@link readParameters} for endpoints that answer a repeat with `invalid_request` at once. */
export function requireParameters(
  entries: ParameterEntries,
  accepted?: readonly string[],
): RequestParams {
  const { params, repeated } = readParameters(entries, accepted);
  if (repeated[0] !== undefined) {
    throw new DomainError("INVALID_REQUEST", `${repeated[0]} is repeated`);
  }
  return params;
}

/** The same parameters, narrowed to the names one grant or endpoint declares. */
export function onlyParameters(params: RequestParams, accepted: readonly string[]): RequestParams {
  const known = new Set(accepted);
  return {
    get: (name) => (known.has(name) ? params.get(name) : null),
    getAll: (name) => (known.has(name) ? params.getAll(name) : []),
  };
}
