/**
 * The local OIDC upstream the tests sign in through: a real oidc-provider on loopback, the same
 * one `pnpm dev` starts (packages/local-system/src/upstream-oidc.ts).
 */
export {
  startUpstreamOidc,
  type UpstreamAccount,
  type UpstreamOidc,
} from "@authpi/local-system/upstream-oidc";
