import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import * as jose from "jose";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { enableEmailSignIn } from "./support/email-link.ts";
import { field, openLogin, pathOf, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import { exchange } from "./support/raw-flow.ts";

const bindings = env as unknown as Env;
let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

/** "Email me a sign-in code" from the login page of a fresh sign-in in `browser`. */
async function askForCode(
  seeded: Seeded,
  browser = new TestBrowser(),
  username = "alice@example.com",
) {
  const login = await openLogin(seeded, browser);
  expect(login.page).toContain("Email me a sign-in code");
  const response = await post(browser, `/${seeded.issuer.id}/login/email`, {
    request_id: field(login.page, "request_id"),
    csrf_token: field(login.page, "csrf_token"),
    username,
  });
  return { browser, response, page: await response.text() };
}

function codeOf(location: string | null) {
  return new URL(location ?? "http://invalid/").searchParams.get("code");
}

async function amrOf(seeded: Seeded, location: string | null) {
  const code = codeOf(location) as string;
  const redirectUri = seeded.web.client.settings.redirect_uris[0] as string;
  const response = await exchange(seeded, {
    code,
    verifier: "v".repeat(43),
    redirectUri,
    browser: new TestBrowser(),
    client: seeded.web,
  });
  const tokens = (await response.json()) as { id_token: string };
  return jose.decodeJwt(tokens.id_token).amr;
}

describe("email sign-in", () => {
  it("is not offered until the issuer enables email-link", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const login = await openLogin(seeded);
    expect(login.page).not.toContain("Email me a sign-in code");
  });

  it("emails one code and link; the code signs in with amr otp", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, bindings.KEY_ENCRYPTION_SECRET);
    const { browser, response, page } = await askForCode(seeded);
    expect(response.status).toBe(200);
    expect(page).toContain('autocomplete="one-time-code"');
    const email = await mail.nth(1);
    expect(email).toMatchObject({ template: "sign-in-code", to: "alice@example.com" });
    expect(email.values.code).toMatch(/^\d{6}$/);
    const answer = await post(browser, `/${seeded.issuer.id}/login/email/code`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      code: email.values.code as string,
    });
    expect(answer.status).toBe(303);
    expect(await amrOf(seeded, answer.headers.get("location"))).toEqual(["otp"]);
  });

  it("the link signs in in the browser that asked", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, bindings.KEY_ENCRYPTION_SECRET);
    const { browser } = await askForCode(seeded);
    const link = pathOf((await mail.nth(1)).values.link as string);
    const answer = await browser.fetch(link);
    expect(answer.status).toBe(303);
    expect(codeOf(answer.headers.get("location"))).toBeTruthy();
  });

  it("opened in another browser, the link shows the code and signs nobody in there; the code still works in the first", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, bindings.KEY_ENCRYPTION_SECRET);
    const { browser, page } = await askForCode(seeded);
    const email = await mail.nth(1);
    const elsewhere = await new TestBrowser().fetch(pathOf(email.values.link as string));
    expect(elsewhere.status).toBe(200);
    const shown = await elsewhere.text();
    expect(shown).toContain(email.values.code as string);
    expect(elsewhere.headers.get("location")).toBeNull();
    const answer = await post(browser, `/${seeded.issuer.id}/login/email/code`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      code: email.values.code as string,
    });
    expect(answer.status).toBe(303);
  });
});
