/** Letters, digits and `-._:`, at most 128: enough for UUIDs and ray ids, nothing that forges a log line. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when it is well formed, else the edge's
 * ray id, else a new UUID.
 */
export function chooseRequestId(
  inbound: string | null | undefined,
  rayId: string | null | undefined,
): string {
  if (inbound && VALID_REQUEST_ID.test(inbound)) return inbound;
  if (rayId && VALID_REQUEST_ID.test(rayId)) return rayId;
  return crypto.randomUUID();
}
