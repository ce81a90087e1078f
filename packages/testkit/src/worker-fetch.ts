import { exports } from "cloudflare:workers";

/** Calls the worker under test in-process, through its real `fetch` export. */
export function workerFetch(path: string, init?: RequestInit): Promise<Response> {
  const worker = (exports as unknown as { default: Fetcher }).default;
  return worker.fetch(new Request(`http://localhost${path}`, init));
}
