import { env } from "cloudflare:workers";
import { findHomeRealm } from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { freshHost, ssoOrganization } from "./support/sso-org.ts";

const bindings = env as unknown as Env;
const KEY = bindings.KEY_ENCRYPTION_SECRET;

describe("home-realm discovery over D1", () => {
  it("routes each domain to its own organization and cannot be steered to another", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const [a, g] = [freshHost("acme"), freshHost("globex")];
    const acme = await ssoOrganization(seeded, KEY, { host: a, name: "Acme" });
    const globex = await ssoOrganization(seeded, KEY, { host: g, name: "Globex" });
    const realm = (u: string) => findHomeRealm(seeded.db, seeded.issuer.id, u);
    expect((await realm(`bob@${a}`))?.orgId).toBe(acme.id);
    expect((await realm(`BOB@${g.toUpperCase()}`))?.orgId).toBe(globex.id);
    for (const crafted of [
      `bob@${a}@${g}`,
      `bob@${g}.${a}`,
      `bob@sub.${g}`,
      `bob@${g} ' OR 1=1 --`,
      "bob@%",
      `bob@_${g.slice(1)}`,
      g,
    ]) {
      expect(await realm(crafted), crafted).toBeNull();
    }
  });

  it("ignores another issuer's claims and claims on unverified domains", async () => {
    const mine = await seedIssuer(bindings.DB);
    const theirs = await seedIssuer(bindings.DB);
    const [initech, initrode] = [freshHost("initech"), freshHost("initrode")];
    await ssoOrganization(theirs, KEY, { host: initech });
    expect(await findHomeRealm(mine.db, mine.issuer.id, `peter@${initech}`)).toBeNull();
    expect(await findHomeRealm(theirs.db, theirs.issuer.id, `peter@${initech}`)).not.toBeNull();
    await ssoOrganization(mine, KEY, { host: initrode, verified: false });
    expect(await findHomeRealm(mine.db, mine.issuer.id, `peter@${initrode}`)).toBeNull();
  });
});
