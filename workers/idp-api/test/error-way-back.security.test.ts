import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, openLogin, post } from "./support/journeys.ts";

const bindings = env as unknown as Env;

describe("the way back after an error is only ever the validated redirect URI", () => {
  it("a form naming no live interaction shows no link, whatever it carries", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const login = await openLogin(seeded, browser);
    const response = await post(browser, `/${seeded.issuer.id}/login`, {
      request_id: "not-a-parked-interaction",
      csrf_token: field(login.page, "csrf_token"),
      redirect_uri: "https://attacker.example/steal",
      username: "alice@example.com",
      password: "whatever it is",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).not.toContain('class="back"');
    expect(page).not.toContain("attacker.example");
  });

  it("a forged POST from another browser (its own cookie) gets no code, only the way back", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const victim = await openLogin(seeded, new TestBrowser());
    const attacker = await openLogin(seeded, new TestBrowser());
    const response = await post(attacker.browser, `/${seeded.issuer.id}/login`, {
      request_id: field(victim.page, "request_id"),
      csrf_token: field(attacker.page, "csrf_token"),
      username: "alice@example.com",
      password: seeded.password,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("location")).toBeNull();
    const page = await response.text();
    expect(page).not.toMatch(/[?&]code=/);
    expect(page).toContain("error=access_denied");
  });
});
