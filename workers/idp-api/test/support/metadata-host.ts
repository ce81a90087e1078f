/**
 * The outside world of the IdP worker's tests: the web servers that host client metadata
 * documents. Miniflare hands every outbound fetch of the worker (and of the tests, which run
 * in it) to {@link metadataHost}; hosts under `.cimd.example` answer what a test scripted at
 * `https://control.cimd.example/_serve`, anything else goes out as it would.
 */
export const METADATA_DOMAIN = "cimd.example";
export const CONTROL_URL = `https://control.${METADATA_DOMAIN}/_serve`;

/** How one document URL answers: status, headers, body, and an optional delay. */
export interface ScriptedAnswer {
  url: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

const answers = new Map<string, ScriptedAnswer>();
const hits = new Map<string, number>();

export async function metadataHost(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (!url.hostname.endsWith(`.${METADATA_DOMAIN}`)) return fetch(request);
  if (request.url === CONTROL_URL) {
    const answer = (await request.json()) as ScriptedAnswer;
    answers.set(answer.url, answer);
    return Response.json({ ok: true });
  }
  if (request.url === `${CONTROL_URL}/hits`) {
    return Response.json(Object.fromEntries(hits));
  }
  hits.set(request.url, (hits.get(request.url) ?? 0) + 1);
  const answer = answers.get(request.url);
  if (!answer) return new Response("not found", { status: 404 });
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  return new Response(answer.body ?? "", {
    status: answer.status ?? 200,
    headers: answer.headers ?? { "content-type": "application/json" },
  });
}
