import { env } from "cloudflare:workers";
import { verifyPassword } from "@authpi/domain/crypto";
import { events, userVerifiers } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Verifier = { id: string; type: string; status: string; credential: Record<string, unknown> };

function code(secret: string, at = Date.now()) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

describe("user verifiers (factors)", () => {
  it("enrolls a TOTP app with a code, returns backup codes once, verifies and deletes", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/verifiers`;
    const started = await apiCall("POST", base, s.basicAuth, { type: "totp_app", name: "phone" });
    expect(started.status).toBe(201);
    const enrollment = await dataOf<{
      enrollment_id: string;
      secret: string;
      provisioning_uri: string;
    }>(started);
    expect(enrollment.provisioning_uri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    const [stored] = await s.db
      .select()
      .from(userVerifiers)
      .where(eq(userVerifiers.id, enrollment.enrollment_id));
    expect(JSON.stringify(stored)).not.toContain(enrollment.secret);

    const wrong = await apiCall("POST", `${base}/complete-enrollment`, s.basicAuth, {
      enrollment_id: enrollment.enrollment_id,
      code: code(enrollment.secret, Date.now() - 5 * 60_000),
    });
    expect(await dataOf(wrong)).toMatchObject({ success: false, error: "invalid_code" });
    const done = await dataOf<{ success: boolean; verifier_id: string; backup_codes: string[] }>(
      await apiCall("POST", `${base}/complete-enrollment`, s.basicAuth, {
        enrollment_id: enrollment.enrollment_id,
        code: code(enrollment.secret),
      }),
    );
    expect(done.success).toBe(true);
    expect(done.backup_codes).toHaveLength(10);
    expect(done.backup_codes.filter((c) => !/^[2-9a-hjkmnp-z]{10}$/.test(c))).toEqual([]);
    const again = await apiCall("POST", `${base}/complete-enrollment`, s.basicAuth, {
      enrollment_id: enrollment.enrollment_id,
      code: code(enrollment.secret),
    });
    expect(again.status).toBe(409);

    const listed = await dataOf<Verifier[]>(await apiCall("GET", base, s.basicAuth));
    expect(listed.map((v) => [v.type, v.status]).sort()).toEqual([
      ["backup_codes", "active"],
      ["password", "active"],
      ["totp_app", "active"],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/secret|hash/);

    const totpPath = `${base}/${done.verifier_id}`;
    const verified = await apiCall("POST", `${totpPath}/verify`, s.basicAuth, {
      code: code(enrollment.secret),
    });
    expect(await dataOf(verified)).toMatchObject({ success: true });
    const backup = listed.find((v) => v.type === "backup_codes") as Verifier;
    const use = (c: string) =>
      apiCall("POST", `${base}/${backup.id}/verify`, s.basicAuth, { code: c });
    expect(await dataOf(await use(done.backup_codes[0] as string))).toMatchObject({
      success: true,
      remaining: 9,
    });
    expect(await dataOf(await use(done.backup_codes[0] as string))).toMatchObject({
      success: false,
    });
    const regenerated = await dataOf<{ codes: string[] }>(
      await apiCall("POST", `${base}/${backup.id}/regenerate`, s.basicAuth),
    );
    expect(await dataOf(await use(done.backup_codes[1] as string))).toMatchObject({
      success: false,
    });
    expect(await dataOf(await use(regenerated.codes[0] as string))).toMatchObject({
      success: true,
    });

    expect((await apiCall("DELETE", totpPath, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", totpPath, s.basicAuth)).status).toBe(404);
    const types = (await s.db.select().from(events).where(eq(events.subjectId, s.user.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining(["user.verifier.created", "user.verifier.deleted"]),
    );
  });

  it("sets a new password through a password verifier, replacing the old one", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/verifiers`;
    const short = await apiCall("POST", base, s.basicAuth, { type: "password", password: "short" });
    expect(short.status).toBe(422);
    const set = await apiCall("POST", base, s.basicAuth, {
      type: "password",
      password: "a brand new passphrase",
    });
    expect(set.status).toBe(201);
    // authpi-admin parses every 201 here as UserVerifiersCreateResponse: its four fields are present.
    const created = await dataOf<Record<string, unknown>>(set);
    expect(created).toMatchObject({
      type: "password",
      status: "active",
      enrollment_id: created.id,
      secret: "",
      provisioning_uri: "",
      expires_at: created.created_at,
    });
    expect(JSON.stringify(created)).not.toContain("passphrase");
    const rows = await s.db
      .select()
      .from(userVerifiers)
      .where(and(eq(userVerifiers.userId, s.user.id), eq(userVerifiers.type, "password")));
    expect(rows).toHaveLength(1);
    expect((await verifyPassword("a brand new passphrase", rows[0]?.secretHash as string)).ok).toBe(
      true,
    );
    expect((await verifyPassword(s.password, rows[0]?.secretHash as string)).ok).toBe(false);
    const other = await seedIssuer(DB);
    const foreign = `/v1/accounts/${other.accountId}/issuers/${other.issuer.id}/users/${s.user.id}/verifiers`;
    expect((await apiCall("GET", foreign, other.basicAuth)).status).toBe(404);
  });
});
