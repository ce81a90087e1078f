import type { SystemEndpoints } from "./system.ts";

/** Calls the Core API as the seeded owner key; throws on any non-2xx with the envelope. */
export async function coreApi<T = Record<string, unknown>>(
  system: SystemEndpoints,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${system.coreUrl}/v1/accounts/${system.seed.account_id}${path}`, {
    method,
    headers: { authorization: system.basicAuth, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? {} : ((await response.json()) as { data: T }).data) as T;
}
