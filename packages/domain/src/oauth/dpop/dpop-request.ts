import type { ClientRow } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import type { IssuerRow } from "../../issuers/issuer-wire.ts";
import { issuerSettings, storeShardCount } from "../../values/issuer-settings.ts";
import type { DpopReplay } from "../issuer-store-contract.ts";
import { checkDpopProof, type ProofExpectation } from "./check-proof.ts";
import { currentDpopNonce, dpopNonceValid, type NonceIssuer } from "./dpop-nonce.ts";
import { dpopReplay } from "./replay-key.ts";

/** What a route hands the domain about DPoP: the header as sent, where, and the nonce key. */
export interface DpopInput {
  /** The DPoP header (all values, comma-joined as the Fetch API joins them), or null. */
  header: string | null;
  htm: string;
  /** The endpoint as the issuer publishes it (discovery), which is what a client signs. */
  htu: string;
  nonces: NonceIssuer;
}

/** A proof that passed every check but replay, which the store call of the request makes. */
export interface AcceptedProof {
  jkt: string;
  replay: DpopReplay;
}

/** Whether this issuer wants its nonce in every proof (docs/decisions/dpop.md). */
export function dpopNonceRequired(issuer: IssuerRow): boolean {
  return issuerSettings(issuer.settings).access.dpop?.require_nonce === true;
}

async function checkNonce(
  input: DpopInput,
  nonce: string | null,
  now: number,
  at: ProofExpectation["at"],
): Promise<void> {
  if (nonce !== null && (await dpopNonceValid(input.nonces, nonce, now))) return;
  // RFC 9449 §8: the error carries the nonce to use in a `DPoP-Nonce` header.
  throw new DomainError(
    at === "token" ? "USE_DPOP_NONCE" : "RESOURCE_USE_DPOP_NONCE",
    nonce === null ? "the DPoP proof needs a server nonce" : "the DPoP nonce is not valid",
    { extra: { dpop_nonce: await currentDpopNonce(input.nonces, now) } },
  );
}

/**
 * The DPoP proof of a request (RFC 9449 §4.3) with the issuer's nonce rule (§8) applied: null
 * when there is none; the caller passes `replay` into the store call it makes anyway.
 */
export async function acceptDpopProof(
  input: DpopInput,
  issuer: IssuerRow,
  now: number,
  at: ProofExpectation["at"],
  accessToken?: string,
): Promise<AcceptedProof | null> {
  const proof = await checkDpopProof({
    header: input.header,
    htm: input.htm,
    htu: input.htu,
    now,
    at,
    ...(accessToken !== undefined ? { accessToken } : {}),
  });
  if (!proof) return null;
  if (dpopNonceRequired(issuer)) await checkNonce(input, proof.nonce, now, at);
  return { jkt: proof.jkt, replay: await dpopReplay(proof, storeShardCount(issuer.settings)) };
}

/**
 * The token endpoint's proof (RFC 9449 §5): a client registered with
 * `dpop_bound_access_tokens` must send one (§5.2).
 */
export async function tokenDpopProof(
  input: DpopInput | undefined,
  issuer: IssuerRow,
  client: ClientRow | null,
  now: number,
): Promise<AcceptedProof | null> {
  const proof = input ? await acceptDpopProof(input, issuer, now, "token") : null;
  if (!proof && client?.settings.dpop_bound_access_tokens === true) {
    throw new DomainError("INVALID_DPOP_PROOF", "this client must send a DPoP proof");
  }
  return proof;
}
