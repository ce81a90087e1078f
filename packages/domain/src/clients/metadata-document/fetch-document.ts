import { mediaType } from "../../input/media-type.ts";

/** §6 of draft-ietf-oauth-client-id-metadata-document: bound what one fetch can cost. */
export const MAX_DOCUMENT_BYTES = 5 * 1024;
export const FETCH_TIMEOUT_MS = 5000;
/** How long a document is kept: its `Cache-Control: max-age`, within these bounds (seconds). */
export const MIN_CACHE_SECONDS = 60;
export const MAX_CACHE_SECONDS = 86_400;
export const DEFAULT_CACHE_SECONDS = 300;

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

export type FetchedDocument =
  | { ok: true; body: unknown; maxAgeSeconds: number }
  | { ok: false; problem: string };

/**
 * Fetches a client metadata document: GET with no credentials, redirects refused, a timeout,
 * a JSON content type and a size cap. Never throws; a failure says why in `problem`.
 */
export async function fetchMetadataDocument(
  fetcher: Fetcher,
  url: string,
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<FetchedDocument> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: "GET",
      headers: { accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return { ok: false, problem: timedOut ? "the fetch timed out" : "the fetch failed" };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    const redirected = response.status >= 300 && response.status < 400;
    return {
      ok: false,
      problem: redirected ? "the document URL redirects" : `answered HTTP ${response.status}`,
    };
  }
  if (!isJsonType(response.headers.get("content-type"))) {
    await response.body?.cancel();
    return { ok: false, problem: "the document is not served as JSON" };
  }
  let text: string | null;
  try {
    text = await readCapped(response, MAX_DOCUMENT_BYTES, timeoutMs);
  } catch {
    return { ok: false, problem: "reading the document failed" };
  }
  if (text === null)
    return { ok: false, problem: `the document exceeds ${MAX_DOCUMENT_BYTES} bytes` };
  try {
    return { ok: true, body: JSON.parse(text), maxAgeSeconds: cacheSeconds(response.headers) };
  } catch {
    return { ok: false, problem: "the document is not valid JSON" };
  }
}

/** `application/json` or a `+json` type (draft §4). */
function isJsonType(header: string | null): boolean {
  const type = mediaType(header);
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** The body as text, or null once it passes `limit` bytes (read no further). */
async function readCapped(response: Response, limit: number, timeoutMs: number) {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > limit || !response.body) {
    await response.body?.cancel();
    return declared > limit ? null : "";
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const deadline = setTimeout(() => reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(deadline);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** `Cache-Control: max-age` clamped to [60 s, 24 h]; absent or unreadable: 5 minutes. */
export function cacheSeconds(headers: Headers): number {
  const control = headers.get("cache-control") ?? "";
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(control)) return MIN_CACHE_SECONDS;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(control);
  if (!match) return DEFAULT_CACHE_SECONDS;
  return Math.min(MAX_CACHE_SECONDS, Math.max(MIN_CACHE_SECONDS, Number(match[1])));
}
