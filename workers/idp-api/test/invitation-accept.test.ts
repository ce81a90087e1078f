import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import { events, invitations, memberships, users } from "@authpi/domain/db";
import {
  CreateInvitationInput,
  CreateOrganizationInput,
  createInvitation,
  createOrganization,
  INVITATION_TOKEN_PURPOSE,
  updateOrganization,
} from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";

const bindings = env as unknown as Env;

async function invite(email: string) {
  const s = await seedIssuer(bindings.DB);
  const org = await createOrganization(
    s.db,
    s.ctx,
    s.issuer.id,
    CreateOrganizationInput.parse({ name: "Acme <Labs>" }),
  );
  const row = await createInvitation(
    s.db,
    s.ctx,
    bindings.KEY_ENCRYPTION_SECRET,
    { issuerId: s.issuer.id, orgId: org.id },
    CreateInvitationInput.parse({
      email_invited: email,
      scopes: ["projects:read"],
      user_title: "Dev",
    }),
  );
  const token = await open(
    bindings.KEY_ENCRYPTION_SECRET,
    INVITATION_TOKEN_PURPOSE,
    row.tokenSealed,
  );
  return { s, org, row, token, path: `/${s.issuer.id}/invitations/accept` };
}

/** Opens the link like a browser: the page, its CSRF token and the cookie it set. */
async function openLink(path: string, token: string) {
  const response = await workerFetch(`${path}?token=${encodeURIComponent(token)}`);
  const page = await response.text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { status: response.status, page, csrf, cookie };
}

function submit(path: string, form: Record<string, string>, cookie: string) {
  return workerFetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(form),
  });
}

describe("accepting an invitation (the emailed link)", () => {
  it("a new invitee chooses a password, becomes a user and a member with the invited scopes", async () => {
    const { s, org, row, token, path } = await invite("newbie@example.com");
    const link = await openLink(path, token);
    expect(link.status).toBe(200);
    expect(link.page).toContain("Join Acme &lt;Labs&gt;");
    expect(link.page).toContain("Create account and join");
    const short = await submit(
      path,
      { token, csrf_token: link.csrf, password: "short" },
      link.cookie,
    );
    expect(short.status).toBe(422);
    const joined = await submit(
      path,
      { token, csrf_token: link.csrf, password: "a fine new password" },
      link.cookie,
    );
    expect(joined.status).toBe(200);
    expect(await joined.text()).toContain("You joined Acme &lt;Labs&gt;");
    const [invitation] = await s.db.select().from(invitations).where(eq(invitations.id, row.id));
    expect(invitation?.status).toBe("accepted");
    const [member] = await s.db
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.orgId, org.id),
          eq(memberships.memberId, invitation?.userIdInvited ?? ""),
        ),
      );
    expect(member).toMatchObject({ scopes: ["projects:read"], userTitle: "Dev" });
    // The link was emailed to the address: the new user's email is verified.
    const [joiner] = await s.db
      .select()
      .from(users)
      .where(eq(users.id, invitation?.userIdInvited ?? ""));
    expect(joiner?.profile).toMatchObject({ email_verified: true });
    const types = (await s.db.select().from(events).where(eq(events.subjectId, row.id))).map(
      (e) => e.type,
    );
    expect(types).toContain("organization.invitation.accepted");

    // The link works once.
    const again = await openLink(path, token);
    expect(again.status).toBe(410);
  });

  it("an existing user signs in with their password to accept", async () => {
    const { s, org, token, path } = await invite("alice@example.com");
    const link = await openLink(path, token);
    expect(link.page).toContain("Sign in and join");
    const wrong = await submit(
      path,
      { token, csrf_token: link.csrf, password: "not it" },
      link.cookie,
    );
    expect(wrong.status).toBe(401);
    const right = await submit(
      path,
      { token, csrf_token: link.csrf, password: s.password },
      link.cookie,
    );
    expect(right.status).toBe(200);
    const [member] = await s.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.memberId, s.user.id)));
    expect(member?.scopes).toEqual(["projects:read"]);
  });

  it("refuses a forged form, a wrong token and a suspended organization", async () => {
    const { s, org, token, path } = await invite("carl@example.com");
    const link = await openLink(path, token);
    const forged = await submit(
      path,
      { token, csrf_token: "x".repeat(43), password: "long enough pw" },
      link.cookie,
    );
    expect(forged.status).toBe(403);
    const noCookie = await submit(
      path,
      { token, csrf_token: link.csrf, password: "long enough pw" },
      "",
    );
    expect(noCookie.status).toBe(403);
    expect((await openLink(path, "inv_tok_wrong")).status).toBe(410);
    expect((await openLink(path, "")).status).toBe(410);
    const store = issuerStore(bindings, s.issuer.id);
    await updateOrganization(s.db, store, s.ctx, s.issuer.id, org.id, { status: "suspended" });
    const frozen = await submit(
      path,
      { token, csrf_token: link.csrf, password: "long enough pw" },
      link.cookie,
    );
    expect(frozen.status).toBe(410);
    const rows = await s.db.select().from(memberships).where(eq(memberships.orgId, org.id));
    expect(rows).toEqual([]);
  });
});
