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

export type AppEnv = { Bindings: Env };
