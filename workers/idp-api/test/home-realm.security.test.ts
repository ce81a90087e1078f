import { env } from "cloudflare:workers";
import { findHomeRealm } from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { ssoOrganization } from "./support/sso-org.ts";

const bindings = env as unknown as Env;
const KEY = bindings.KEY_ENCRYPTION_SECRET;

describe("home-realm discovery over D1", () => {
  it("routes each domain to its own organization and cannot be steered to another", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const acme = await ssoOrganization(seeded, KEY, { host: "acme.example", name: "Acme" });
    const globex = await ssoOrganization(seeded, KEY, { host: "globex.example", name: "Globex" });
    const realm = (u: string) => findHomeRealm(seeded.db, seeded.issuer.id, u);
    expect((await realm("bob@acme.example"))?.orgId).toBe(acme.id);
    expect((await realm("BOB@GLOBEX.EXAMPLE"))?.orgId).toBe(globex.id);
    for (const crafted of [
      "bob@acme.example@globex.example",
      "bob@globex.example.acme.example",
      "bob@sub.globex.example",
      "bob@globex.example ' OR 1=1 --",
      "bob@%",
      "bob@_cme.example",
      "globex.example",
    ]) {
      expect(await realm(crafted), crafted).toBeNull();
    }
  });

  it("ignores another issuer's claims and claims on unverified domains", async () => {
    const mine = await seedIssuer(bindings.DB);
    const theirs = await seedIssuer(bindings.DB);
    await ssoOrganization(theirs, KEY, { host: "initech.example" });
    expect(await findHomeRealm(mine.db, mine.issuer.id, "peter@initech.example")).toBeNull();
    await ssoOrganization(mine, KEY, { host: "initrode.example", verified: false });
    expect(await findHomeRealm(mine.db, mine.issuer.id, "peter@initrode.example")).toBeNull();
  });
});
