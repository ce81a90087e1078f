import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { exchange, introspect, obtainCode, postForm } from "./support/raw-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("token endpoint under concurrency", () => {
  it("50 parallel exchanges of one code: exactly one succeeds", async () => {
    const seeded = await seedIssuer(DB);
    const got = await obtainCode(seeded);
    const responses = await Promise.all(Array.from({ length: 50 }, () => exchange(seeded, got)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(49);
  });

  it("50 parallel refreshes of one token: at most one succeeds and the family ends", async () => {
    const seeded = await seedIssuer(DB);
    const tokens = (await (await exchange(seeded, await obtainCode(seeded))).json()) as Record<
      string,
      string
    >;
    const auth = { id: seeded.web.client.id, secret: seeded.web.secret };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        postForm(
          `/${seeded.issuer.id}/token`,
          { grant_type: "refresh_token", refresh_token: tokens.refresh_token as string },
          auth,
        ),
      ),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    for (const response of ok) {
      const rotated = (await response.json()) as Record<string, string>;
      expect((await introspect(seeded, rotated.refresh_token as string)).active).toBe(false);
      expect((await introspect(seeded, rotated.access_token as string)).active).toBe(false);
    }
  });
});
