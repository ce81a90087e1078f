import { readFileSync } from "node:fs";
import { EXAMPLE_APP_URL, exampleDevVars } from "@authpi/local-system/example-vars";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../examples/hono-login/src/app.ts";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const APP = "http://localhost:8789";
let system: SystemEndpoints;
let env: Record<string, string>;

beforeAll(async () => {
  system = sharedSystem();
  const client = await coreApi<{ id: string; secret: string }>(
    system,
    "POST",
    `/issuers/${system.seed.issuer_id}/clients`,
    { name: "example", type: "web", settings: { redirect_uris: [`${APP}/callback`] } },
  );
  env = {
    AUTHPI_ISSUER_URL: `${system.idpUrl}/${system.seed.issuer_id}`,
    AUTHPI_CLIENT_ID: client.id,
    AUTHPI_CLIENT_SECRET: client.secret,
    AUTHPI_REDIRECT_URI: `${APP}/callback`,
  };
});

/** The example app in-process, with a cookie jar of its own. */
function appBrowser(vars: Record<string, string> = env) {
  const jar = new Map<string, string>();
  return async (url: string) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await app.fetch(new Request(url, { headers: cookie ? { cookie } : {} }), vars);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      jar.set(name, value);
    }
    return response;
  };
}

describe("examples/hono-login", () => {
  it("signs the demo user in through the local system with the SDK", async () => {
    const visit = appBrowser();
    expect(await (await visit(`${APP}/`)).text()).toContain("Sign in");
    const login = await visit(`${APP}/login`);
    expect(login.status).toBe(302);
    const callback = await new HttpBrowser().login(
      login.headers.get("location") as string,
      system.seed.user.username,
      system.seed.user.password,
    );
    expect(callback.origin).toBe(APP);
    const back = await visit(callback.href);
    expect(back.status).toBe(302);
    const profile = (await (await visit(`${APP}/`)).json()) as {
      user: { email: string; sub: string };
    };
    expect(profile.user).toMatchObject({
      sub: system.seed.user.id,
      email: system.seed.user.username,
    });
  });

  it("runs with the seeded demo web client and the .dev.vars pnpm dev writes for it", async () => {
    const toml = readFileSync(
      new URL("../examples/hono-login/wrangler.toml", import.meta.url),
      "utf8",
    );
    expect(toml).toContain(`AUTHPI_REDIRECT_URI = "${EXAMPLE_APP_URL}/callback"`);
    expect(toml).toContain(`port = ${new URL(EXAMPLE_APP_URL).port}`);
    const visit = appBrowser(exampleDevVars(system.idpUrl, system.seed));
    const login = await visit(`${EXAMPLE_APP_URL}/login`);
    expect(login.status).toBe(302);
    const callback = await new HttpBrowser().login(
      login.headers.get("location") as string,
      system.seed.user.username,
      system.seed.user.password,
    );
    expect(callback.origin).toBe(EXAMPLE_APP_URL);
    expect((await visit(callback.href)).status).toBe(302);
    const profile = (await (await visit(`${EXAMPLE_APP_URL}/`)).json()) as {
      user: { sub: string };
    };
    expect(profile.user.sub).toBe(system.seed.user.id);
  });
});
