// DPoP (RFC 9449), part of `@authpi/domain/oauth`.
export * from "./check-proof.ts";
export * from "./dpop-algs.ts";
export * from "./dpop-nonce.ts";
export * from "./dpop-request.ts";
export * from "./replay-key.ts";
