import type { AgentRow, AgentVerifierRow } from "../../agents/agent-wire.ts";
import type { ClientRow } from "../../clients/client-wire.ts";
import type { Db } from "../../db/client.ts";
import { DomainError } from "../../errors.ts";
import type { EventActor, MutationContext } from "../../events/event.ts";
import type { IssuerRow } from "../../issuers/issuer-wire.ts";
import type { KeyRing } from "../../signing-keys/key-ring.ts";
import type { AcceptedProof, DpopInput } from "../dpop/dpop-request.ts";
import type { IssuerStoreRpc } from "../issuer-store-contract.ts";
import type { RequestParams } from "../request-parameters.ts";

/** What every grant needs: storage, keys, the clock and the events of the request, passed in. */
export interface TokenEndpointContext {
  db: Db;
  store: IssuerStoreRpc;
  ring: KeyRing;
  issuer: IssuerRow;
  issuerUrl: string;
  now: number;
  /** The request's DPoP header and where it was sent (RFC 9449 §4); absent: no DPoP. */
  dpop?: DpopInput;
  events: {
    /** Who and where, for the events a grant records. */
    context(actor: EventActor): MutationContext;
    /** Called once a grant has written event rows, so the caller relays them. */
    recorded(): void;
  };
}

/** Who authenticated at the token endpoint: a registered client, or an agent by a verifier. */
export type TokenCaller =
  | { type: "client"; client: ClientRow }
  | { type: "agent"; agent: AgentRow; verifier: AgentVerifierRow };

/** The context of a client's grant. */
export interface GrantContext extends TokenEndpointContext {
  client: ClientRow;
  /** The request's checked DPoP proof (RFC 9449 §5), its replay still to record; null: none. */
  proof: AcceptedProof | null;
}

/** The context of an agent's grant. */
export interface AgentGrantContext extends TokenEndpointContext {
  agent: AgentRow;
  verifier: AgentVerifierRow;
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

/**
 * The resources a token of this exchange is for (RFC 8707 §2.2): the requested ones, each of
 * which must have been granted, or all granted ones when none is requested.
 */
export function narrowedResources(requested: readonly string[], granted: readonly string[]) {
  if (requested.length === 0) return [...granted];
  if (requested.some((uri) => !granted.includes(uri))) {
    throw new DomainError("INVALID_TARGET", "resource was not granted to this authorization");
  }
  return [...requested];
}
