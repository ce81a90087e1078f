import type { UpstreamMfaMapping, UpstreamProfile } from "./upstream-contract.ts";

/**
 * Our `amr` for an upstream sign-in (RFC 8176 §2): `fed` always, plus `mfa` only when the
 * upstream's `amr` or `acr` is one the connection maps to multi-factor (issue 17 §3); without
 * it the second-factor step still runs.
 */
export function upstreamAmr(mapping: UpstreamMfaMapping, profile: UpstreamProfile): string[] {
  const byAmr = profile.amr.some((value) => mapping.amrValues.includes(value));
  const byAcr = profile.acr !== null && mapping.acrValues.includes(profile.acr);
  return byAmr || byAcr ? ["fed", "mfa"] : ["fed"];
}
