import type { consents } from "../db/schema.ts";

export type ConsentRow = typeof consents.$inferSelect;

/** A consent with the client it was given to, as listings show it. */
export interface ConsentView extends ConsentRow {
  clientName: string | null;
  clientLogoUrl: string | null;
}

/** A consent on the Core API's wire (snake_case, Unix milliseconds). */
export function consentToWire(view: ConsentView) {
  return {
    client_id: view.clientId,
    kind: view.clientId.startsWith("agt_") ? ("agent" as const) : ("client" as const),
    client_name: view.clientName,
    client_logo_url: view.clientLogoUrl,
    user_id: view.userId,
    issuer_id: view.issuerId,
    scopes: view.scopes,
    granted_at: view.grantedAt,
    updated_at: view.updatedAt,
  };
}
