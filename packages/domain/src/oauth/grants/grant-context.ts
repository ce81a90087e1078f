import type { ClientRow } from "../../clients/client-wire.ts";
import type { Db } from "../../db/client.ts";
import { DomainError } from "../../errors.ts";
import type { IssuerRow } from "../../issuers/issuer-wire.ts";
import type { KeyRing } from "../../signing-keys/key-ring.ts";
import type { IssuerStoreRpc } from "../issuer-store.ts";

/** The parameters of a token request, however they were encoded (form or JSON). */
export interface RequestParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/** What every grant needs: storage, keys and the clock, passed in. */
export interface GrantContext {
  db: Db;
  store: IssuerStoreRpc;
  ring: KeyRing;
  issuer: IssuerRow;
  issuerUrl: string;
  client: ClientRow;
  now: number;
}

export function required(params: RequestParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new DomainError("INVALID_REQUEST", `${name} is required`);
  return value;
}

/** RFC 8707 §2: each `resource` an absolute URI without a fragment. */
export function resourceParams(params: RequestParams): string[] {
  const values = params.getAll("resource");
  for (const value of values) {
    let ok = false;
    try {
      ok = new URL(value).hash === "" && !value.includes("#");
    } catch {
      ok = false;
    }
    if (!ok)
      throw new DomainError(
        "INVALID_TARGET",
        "resource must be an absolute URI without a fragment",
      );
  }
  return values;
}
