import { exports } from "cloudflare:workers";

/** Calls the worker under test in-process, through its real `fetch` export. */
export function workerFetch(path: string, init?: RequestInit): Promise<Response> {
  const worker = (exports as unknown as { default: Fetcher }).default;
  return worker.fetch(new Request(`http://localhost${path}`, init));
}

/** A JSON call to the worker under test with an `Authorization` header. */
export function apiCall(
  method: string,
  path: string,
  auth: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return workerFetch(path, {
    method,
    headers: { "content-type": "application/json", authorization: auth, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The `data` of a JSON response. */
export async function dataOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return ((await response.json()) as { data: T }).data;
}
