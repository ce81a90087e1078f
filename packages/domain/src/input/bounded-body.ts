import { DomainError } from "../errors.ts";

function tooLarge(maxBytes: number): DomainError {
  return new DomainError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes} bytes`);
}

/**
 * The body's bytes, at most `maxBytes`: a larger `Content-Length` is refused before reading and
 * the stream is counted as it arrives, so a body without a length cannot slip past.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const length = request.headers.get("content-length");
  const declared = Number(length ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  // A declared length delimits the body (RFC 9112 §6.3): the runtime reads no more than it, so
  // the body is read in one call; the count below is for bodies without one (chunked).
  if (length !== null && DECLARED_LENGTH.test(length)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const DECLARED_LENGTH = /^\d{1,9}$/;

/**
 * Whether a request's body is already bounded, with nothing to count as it is read: none, a
 * GET's or HEAD's (never read), or one whose declared `Content-Length` is within `maxBytes`
 * (it delimits the body, RFC 9112 §6.3: the runtime reads no more than it). A larger declared
 * length is refused here.
 */
export function bodyIsBounded(request: Request, maxBytes: number): boolean {
  const length = request.headers.get("content-length");
  if (Number(length ?? "0") > maxBytes) throw tooLarge(maxBytes);
  if (request.method === "GET" || request.method === "HEAD") return true;
  if (length !== null && DECLARED_LENGTH.test(length)) return true;
  // Last, as the runtime builds the body's stream object when it is first asked for.
  return !request.body;
}

/**
 * The body's bytes read within `maxBytes` (see `readBoundedBody`), or null for a request
 * without one; a GET or HEAD body is never read, only its declared length checked.
 */
export async function boundedBodyBytes(
  request: Request,
  maxBytes: number,
): Promise<ArrayBuffer | null> {
  if (!request.body) return null;
  if (request.method === "GET" || request.method === "HEAD") {
    if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
    return null;
  }
  const bytes = await readBoundedBody(request, maxBytes);
  return bytes.buffer.byteLength === bytes.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

/**
 * The request with its body read within `maxBytes` (see `readBoundedBody`). GET and HEAD bodies
 * have no meaning (RFC 9110 §9.3.1) and are never read, only their declared length checked.
 */
export async function withBoundedBody(request: Request, maxBytes: number): Promise<Request> {
  if (!request.body) return request;
  if (request.method === "GET" || request.method === "HEAD") {
    if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
    return request;
  }
  return new Request(request, { body: await readBoundedBody(request, maxBytes) });
}
