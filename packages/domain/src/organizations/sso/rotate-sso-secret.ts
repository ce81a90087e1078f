import { eq } from "drizzle-orm";
import { randomToken } from "../../crypto/hash.ts";
import { seal } from "../../crypto/sealed-box.ts";
import type { Db } from "../../db/client.ts";
import { events, organizations } from "../../db/schema.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../../etag.ts";
import { buildEventRow, type MutationContext } from "../../events/event.ts";
import { getOrganization } from "../manage-organizations.ts";
import { SSO_SECRET_PURPOSE } from "./sso-config.ts";

/**
 * Replaces the SSO connection's client secret with a new random one (256 bits), returned
 * once and kept sealed, for identity providers that accept a secret chosen by the relying party.
 */
export async function rotateSsoSecret(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  issuerId: string,
  orgId: string,
  ifMatch?: string | null,
): Promise<{ secret: string }> {
  const org = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(org));
  const secret = `ssos_${randomToken(32)}`;
  await db.batch([
    db
      .update(organizations)
      .set({
        ssoClientSecretSealed: await seal(sealKey, SSO_SECRET_PURPOSE, secret),
        sso: { ...org.sso, secret_rotated_at: ctx.now },
        updatedAt: nextUpdatedAt(org, ctx.now),
      })
      .where(eq(organizations.id, orgId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "organization.sso.updated",
        issuerId,
        subject: { type: "organization", id: orgId },
        data: { org_id: orgId, secret_rotated: true },
      }),
    ),
  ]);
  return { secret };
}
