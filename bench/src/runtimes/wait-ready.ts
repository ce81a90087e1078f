/** Polls `url` until it answers `expect` (any status when omitted); returns the milliseconds waited. */
export async function waitReady(
  url: string,
  options: { timeoutMs?: number; expect?: number } = {},
): Promise<number> {
  const started = performance.now();
  const deadline = started + (options.timeoutMs ?? 30_000);
  let last = "no answer";
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (options.expect === undefined || response.status === options.expect) {
        return performance.now() - started;
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} not ready after ${options.timeoutMs ?? 30_000} ms (${last})`);
}
