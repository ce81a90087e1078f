import type { ApiKeyPrincipal } from "@authpi/domain/api-keys/authenticate-api-key";
import type { DeliveryMessage } from "@authpi/domain/delivery-queue/delivery-message";
import type { EventRequest } from "@authpi/domain/events/event";
import type { EventMessage } from "@authpi/domain/events/queue-message";

export interface Env {
  DB: D1Database;
  EVENTS: Queue<EventMessage>;
  IDP_BASE_URL: string;
  BOOTSTRAP_TOKEN?: string;
  KEY_ENCRYPTION_SECRET: string;
  /** The dispatcher's deliveries Queue: test events and redeliveries are queued, never sent here. */
  DELIVERIES: Queue<DeliveryMessage>;
  WEBHOOK_URL_POLICY?: string;
  API_KEY_LIMITER: RateLimit;
  /** DNS-over-HTTPS JSON endpoint for domain verification (default Cloudflare's). */
  DOH_RESOLVER_URL?: string;
  /** Optional service binding that carries DoH requests (a resolver worker; tests bind a fake). */
  DNS_RESOLVER?: Fetcher;
  /** The IdP's IssuerStore class, bound by `script_name`; stubs are typed with IssuerStoreRpc. */
  ISSUER_STORE: DurableObjectNamespace;
}

export interface Variables {
  requestId: string;
  now: number;
  request: EventRequest;
  principal: ApiKeyPrincipal;
}

export type AppEnv = { Bindings: Env; Variables: Variables };
