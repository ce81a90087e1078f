import { createDb } from "@authpi/domain/db";
import { linkProvenIdentity, resolveConnection } from "@authpi/domain/upstream";
import type { UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import { mutationContext } from "../mutation-context.ts";
import type { PageEnv } from "./contract.ts";
import type { Interaction } from "./state.ts";

/**
 * After a factor passed: an upstream identity waiting for proof is linked when the user who
 * just proved an existing factor is the one it waits for (issue 17 §2); anyone else links
 * nothing. Either way the wait ends.
 */
export async function linkAfterProof(
  c: Context<PageEnv>,
  state: Interaction,
  user: UserRow,
  now: number,
): Promise<Interaction> {
  const { pendingLink, ...rest } = state;
  if (!pendingLink || pendingLink.userId !== user.id) return rest;
  const db = createDb(c.env.DB);
  const connection = await resolveConnection(
    db,
    c.get("issuer").id,
    pendingLink.connectionId,
    null,
  );
  if (!connection) return rest;
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: user.id }, now);
  await linkProvenIdentity(db, ctx, {
    issuerId: c.get("issuer").id,
    userId: user.id,
    connection,
    profile: pendingLink.profile,
  });
  return rest;
}
