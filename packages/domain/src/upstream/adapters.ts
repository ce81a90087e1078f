import { githubAdapter } from "./github-adapter.ts";
import { oidcAdapter } from "./oidc-adapter.ts";
import type { UpstreamAdapter, UpstreamProtocol } from "./upstream-contract.ts";

/** One adapter per protocol; presets (google, microsoft, apple, gitlab) speak "oidc". */
export const ADAPTERS: Record<UpstreamProtocol, UpstreamAdapter> = {
  oidc: oidcAdapter,
  github: githubAdapter,
};
