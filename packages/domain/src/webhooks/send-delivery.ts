/** What one HTTP attempt came to. */
export interface SendResult {
  status: number | null;
  latencyMs: number;
  error: string | null;
  retryAfter: string | null;
}

/** Bytes of a receiver's response kept for the delivery log; the rest is never read. */
const MAX_BODY = 1024;

/**
 * POSTs one delivery: never follows redirects (a 3xx is a failed attempt, so a receiver cannot
 * bounce us to a private address), gives up after `timeoutMs`, reads at most 1 KiB of the
 * answer (for the log). Network errors and timeouts come back as `error`, not thrown.
 */
export async function sendDelivery(
  fetcher: typeof fetch,
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number; now: () => number },
): Promise<SendResult> {
  const started = init.now();
  try {
    const response = await fetcher(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    const excerpt = await readCapped(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      latencyMs: init.now() - started,
      error: ok ? null : `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`,
      retryAfter: response.headers.get("retry-after"),
    };
  } catch (error) {
    const timedOut =
      (error as Error).name === "TimeoutError" || (error as Error).name === "AbortError";
    return {
      status: null,
      latencyMs: init.now() - started,
      error: timedOut
        ? `timed out after ${init.timeoutMs} ms`
        : `network error: ${(error as Error).message}`,
      retryAfter: null,
    };
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_BODY) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, MAX_BODY));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(bytes).trim();
}

/** Network errors, timeouts, 408, 429 and 5xx are worth another try; other answers are final. */
export function isRetryable(result: SendResult): boolean {
  if (result.status === null) return true;
  return result.status === 408 || result.status === 429 || result.status >= 500;
}
