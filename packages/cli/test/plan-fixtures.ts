import type { LiveIssuer, LiveResource, LiveState, Wire } from "../src/plan/live-state.ts";

let next = 1;

/** A live resource as the Core API would show it (times in ms; the ETag follows from them). */
export function live(wire: Wire, updatedAt: number | null = null): LiveResource {
  const id = (wire.id as string | undefined) ?? `x_${next++}`;
  const createdAt = 1_700_000_000_000;
  return {
    id,
    etag: `"${updatedAt ?? createdAt}"`,
    wire: { id, created_at: createdAt, updated_at: updatedAt, ...wire },
  };
}

export function liveIssuer(
  wire: Wire,
  children: Partial<NonNullable<LiveIssuer["children"]>> = {},
): LiveIssuer {
  return {
    ...live(wire),
    children: { authMethods: [], clients: [], organizations: [], ...children },
  };
}

export const emptyLive = (): LiveState => ({ issuers: [], webhooks: [] });

/** Settings as a new issuer has them, defaults filled in. */
export const ISSUER_SETTINGS = {
  access: {
    mode: "invite_only",
    sessions: { max_age: 604800, idle_timeout: 43200 },
    tokens: { access_token_ttl: 1800, refresh_token_ttl: 604800 },
  },
  authentication: { methods_featured: [] },
};
