import type { EventMessage } from "@authpi/domain/events/queue-message";
import type { IssuerStore } from "./objects/issuer-store-object.ts";

export interface Env {
  DB: D1Database;
  ISSUER_STORE: DurableObjectNamespace<IssuerStore>;
  EVENTS: Queue<EventMessage>;
  IDP_BASE_URL: string;
  KEY_ENCRYPTION_SECRET: string;
  /** Failed client authentications per client and source. */
  CLIENT_AUTH_LIMITER: RateLimit;
  /** Failed client authentications per source, across clients. */
  SOURCE_AUTH_LIMITER: RateLimit;
}

/** What the request-context middleware puts on every request. */
export type RequestVariables = {
  /** The caller's valid `X-Request-Id`, else the ray id, else a new UUID. */
  requestId: string;
  /** The request's clock, in ms: every step of one request reads the same time. */
  now: number;
};

export type AppEnv = { Bindings: Env; Variables: RequestVariables };
