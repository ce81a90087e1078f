import { DomainError } from "@authpi/domain/errors";
import type { RequestParams } from "@authpi/domain/oauth/grants/grant-context";
import type { HonoRequest } from "hono";

/** Parameters that may repeat; any other repeated parameter is refused (RFC 6749 §3.2). */
const REPEATABLE = new Set(["resource"]);

/** Reads a form-encoded (RFC 6749 §3.2) or JSON body into one parameter view. */
export async function bodyParams(req: HonoRequest): Promise<RequestParams> {
  const type = (req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
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
  return paramsOf(entries);
}

export function paramsOf(entries: [string, string][]): RequestParams {
  const map = new Map<string, string[]>();
  for (const [key, value] of entries) map.set(key, [...(map.get(key) ?? []), value]);
  for (const [key, values] of map) {
    if (values.length > 1 && !REPEATABLE.has(key)) {
      throw new DomainError("INVALID_REQUEST", `${key} is repeated`);
    }
  }
  return {
    get: (name) => map.get(name)?.[0] ?? null,
    getAll: (name) => map.get(name) ?? [],
  };
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

/** A form-encoded body, decoded as UTF-8 (reading bytes avoids workerd's text() warning). */
export async function formBody(req: HonoRequest): Promise<URLSearchParams> {
  return new URLSearchParams(new TextDecoder().decode(await req.arrayBuffer()));
}
