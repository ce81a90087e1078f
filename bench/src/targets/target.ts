import type { WebClient } from "../oauth/login-flow.ts";
import type { ClientCredentials } from "../oauth/token.ts";

/** One system under test, described only by what a standard OAuth client knows about it. */
export interface BenchTarget {
  key: "ours" | "peer";
  label: string;
  issuer: string;
  /** The process whose CPU time is charged to the requests (workerd, or the Node peer). */
  pid: number;
  clients: {
    /** Confidential web client: code exchange, refresh, login flow. */
    web: WebClient;
    /** Client whose access tokens the userinfo endpoint accepts (the same as `web` for ours). */
    userinfo: WebClient;
    m2m: ClientCredentials;
  };
  user: { username: string; password: string };
  scope: string;
  stop(): Promise<void>;
}

export const BENCH_SCOPE = "openid profile email offline_access";
