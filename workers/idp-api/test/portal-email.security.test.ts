import { env } from "cloudflare:workers";
import { CreateUserInput, createUser, getUser } from "@authpi/domain/users";
import { seedIssuer } from "@authpi/testkit/factories";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, pathOf } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import { portalPost, signIntoPortal } from "./support/portal.ts";

// The Core API's GET /users/{id} reads the user with getUser: the change is read back with it.
const bindings = env as unknown as Env;
let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

describe("portal: email change", () => {
  it("stops guessing: after 5 codes in 15 minutes even the right one waits (429)", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf } = await signIntoPortal(seeded);
    const page = await (
      await portalPost(browser, `${base}/email`, csrf, { email: "alice@guess.example" })
    ).text();
    const sent = await mail.nth(1);
    const right = sent.values.code as string;
    const wrong = right === "000000" ? "111111" : "000000";
    const attempt = (code: string) =>
      portalPost(browser, `${base}/email/code`, csrf, {
        change: field(page, "change"),
        email: "alice@guess.example",
        code,
      });
    for (let i = 0; i < 5; i++) expect((await attempt(wrong)).status).toBe(400);
    expect((await attempt(right)).status).toBe(429);
    expect((await getUser(seeded.db, seeded.issuer.id, seeded.user.id)).username).toBe(
      "alice@example.com",
    );
  });

  it("mails a code to the new address; the address changes only once the code comes back", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf } = await signIntoPortal(seeded);
    const asked = await portalPost(browser, `${base}/email`, csrf, { email: "Alice@New.example" });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain("alice@new.example");
    const sent = await mail.nth(1);
    expect(sent).toMatchObject({ template: "email-change", to: "alice@new.example" });
    expect((await getUser(seeded.db, seeded.issuer.id, seeded.user.id)).username).toBe(
      "alice@example.com",
    );

    const wrong = sent.values.code === "000000" ? "111111" : "000000";
    const refused = await portalPost(browser, `${base}/email/code`, csrf, {
      change: field(page, "change"),
      email: "alice@new.example",
      code: wrong,
    });
    expect(refused.status).toBe(400);
    const done = await portalPost(browser, `${base}/email/code`, csrf, {
      change: field(page, "change"),
      email: "alice@new.example",
      code: sent.values.code as string,
    });
    expect(done.headers.get("location")).toBe(`${base}?done=emailChanged`);
    const user = await getUser(seeded.db, seeded.issuer.id, seeded.user.id);
    expect(user.username).toBe("alice@new.example");
    expect(user.profile).toMatchObject({ email: "alice@new.example", email_verified: true });
    // The link of the same email is spent too.
    const link = await new TestBrowser().fetch(pathOf(sent.values.link as string));
    expect(link.status).toBe(400);
  });

  it("changes the address through the emailed link, once, in any browser", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf } = await signIntoPortal(seeded);
    await portalPost(browser, `${base}/email`, csrf, { email: "alice@elsewhere.example" });
    const sent = await mail.nth(1);
    const opened = await new TestBrowser().fetch(pathOf(sent.values.link as string));
    expect(opened.status).toBe(302);
    expect((await getUser(seeded.db, seeded.issuer.id, seeded.user.id)).username).toBe(
      "alice@elsewhere.example",
    );
    expect((await new TestBrowser().fetch(pathOf(sent.values.link as string))).status).toBe(400);
  });

  it("answers the same for an address another account has, and sends nothing", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await createUser(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateUserInput.parse({
        username_type: "email",
        username: "bob@example.com",
        password: "x".repeat(12),
      }),
    );
    const { browser, base, csrf } = await signIntoPortal(seeded);
    const asked = await portalPost(browser, `${base}/email`, csrf, { email: "bob@example.com" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("We sent a code and a link to bob@example.com");
    expect(await mail.all()).toEqual([]);
    expect((await getUser(seeded.db, seeded.issuer.id, seeded.user.id)).username).toBe(
      "alice@example.com",
    );
  });
});
