/**
 * A JSON (or pre-serialised JSON) response built in one step, for the machine endpoints. Hono's
 * `c.header` + `c.json` build and copy a header set per call: measured, a quarter of a
 * client_credentials request's CPU (docs/decisions/token-paths.md). Only for handlers that set
 * no header through `c.header` before: those would not be carried over.
 */
export function jsonResponse(
  body: unknown,
  headers: Record<string, string>,
  status = 200,
): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}
