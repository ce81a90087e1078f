import type { FlowTarget } from "../oauth/login-flow.ts";

interface HttpJob {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  connections: number;
}

/**
 * What the load process runs. Plain data, so it crosses the process boundary: every request
 * is built in the load process from these fields.
 */
export type LoadJob =
  /** The same request over and over for `durationS`. */
  | (HttpJob & { kind: "repeat"; body?: string; durationS: number })
  /** One request per body (single-use codes), as fast as possible, then stop. */
  | (HttpJob & { kind: "pool"; bodies: string[]; maxS: number })
  /** Refresh rotation: each response's new refresh token is sent in a later request. */
  | (HttpJob & { kind: "rotate"; bodyPrefix: string; tokens: string[]; durationS: number })
  /** Whole password logins (authorize → login form POST → code → token) by virtual users. */
  | { kind: "flow"; target: FlowTarget; concurrency: number; durationS: number };

export interface LoadResult {
  /** Completed requests (or flows), whatever their status. */
  total: number;
  /** Requests answered 2xx (or flows that reached a token). */
  ok: number;
  /** Non-2xx answers, socket errors and timeouts (or failed flows). */
  errors: number;
  durationS: number;
  /** `ok / durationS`. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statusCodes: Record<string, number>;
  firstError?: string;
}
