import { DomainError } from "@authpi/domain/errors";
import { mediaType } from "@authpi/domain/input";
import { type RequestParams, requireParameters } from "@authpi/domain/oauth";
import type { HonoRequest } from "hono";

/** Reads a form-encoded (RFC 6749 §3.2) or JSON body into one parameter view; a repeat is refused. */
export async function bodyParams(req: HonoRequest): Promise<RequestParams> {
  const type = mediaType(req.header("content-type"));
  let entries: [string, string][];
  if (type === "application/x-www-form-urlencoded") {
    entries = [...(await formBody(req))];
  } else if (type === "application/json") {
    entries = jsonEntries(await req.json().catch(() => null));
  } else {
    throw new DomainError(
      "INVALID_REQUEST",
      "the body must be application/x-www-form-urlencoded (or application/json)",
    );
  }
  return requireParameters(entries);
}

function jsonEntries(body: unknown): [string, string][] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new DomainError("INVALID_REQUEST", "the JSON body must be an object");
  }
  return Object.entries(body).flatMap(([key, value]): [string, string][] => {
    if (Array.isArray(value)) return value.map((v) => [key, String(v)]);
    return value === null || value === undefined ? [] : [[key, String(value)]];
  });
}

const utf8 = new TextDecoder();

/** A form-encoded body, decoded as UTF-8 (reading bytes avoids workerd's text() warning). */
export async function formBody(req: HonoRequest): Promise<URLSearchParams> {
  return new URLSearchParams(utf8.decode(await req.arrayBuffer()));
}
