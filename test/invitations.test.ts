import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { Receiver } from "./support/receiver.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

let system: SeededSystem;
let mailApi: Receiver;

// The dispatcher sends invitation emails to a real HTTP mail API (a local receiver).
beforeAll(async () => {
  mailApi = await new Receiver().start();
  system = await startSeededSystem({
    MAIL_TRANSPORT: "http",
    MAIL_HTTP_URL: mailApi.url,
    MAIL_HTTP_TOKEN: "mail-api-token",
    MAIL_FROM: "Acme <no-reply@acme.test>",
    WEBHOOK_RETRY_SCALE: "0.0005",
  });
});
afterAll(async () => {
  await mailApi?.stop();
  await system?.stop();
});

interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

function mails(): Mail[] {
  return mailApi.received.map((r) => JSON.parse(r.body) as Mail);
}

describe("invitation emails through the mail adapter", () => {
  it("emails the invitee a link, retries when the mail API fails, and sends a fresh link on resend", async () => {
    mailApi.script.push({ status: 503 });
    const org = await coreApi<{ id: string }>(
      system,
      "POST",
      `/issuers/${system.seed.issuer_id}/organizations`,
      { name: "Acme <Labs>" },
    );
    const base = `/issuers/${system.seed.issuer_id}/organizations/${org.id}/invitations`;
    const invitation = await coreApi<{ id: string }>(system, "POST", base, {
      email_invited: "Invitee@Example.com",
      scopes: ["member"],
      message: "Join us <3",
      inviter: { name: "Alice" },
    });

    // First attempt gets 503, the queue retries, the second gets through.
    await vi.waitFor(() => expect(mails()).toHaveLength(2), { timeout: 20_000, interval: 200 });
    const [, mail] = mails() as [Mail, Mail];
    expect(mailApi.received[1]?.headers.authorization).toBe("Bearer mail-api-token");
    expect(mail).toMatchObject({
      // From shows the issuer's name (the seeded "demo") with MAIL_FROM's address.
      from: '"demo" <no-reply@acme.test>',
      to: "invitee@example.com",
      subject: "You're invited to join Acme <Labs>",
    });
    expect(mail.text).toContain("Alice invited you to join Acme <Labs>.");
    expect(mail.text).toContain("Join us <3");
    expect(mail.html).toContain("Acme &lt;Labs&gt;");
    expect(mail.html).not.toContain("<Labs>");
    const link = new URL(/Accept the invitation: (\S+)/.exec(mail.text)?.[1] as string);
    expect(link.origin + link.pathname).toBe(
      `${system.idpUrl}/${system.seed.issuer_id}/invitations/accept`,
    );
    const token = link.searchParams.get("token");
    expect(token).toMatch(/^inv_tok_/);

    await vi.waitFor(
      async () => {
        const got = await coreApi<{ last_email_sent_at: number | null }>(
          system,
          "GET",
          `${base}/${invitation.id}`,
        );
        expect(got.last_email_sent_at).toEqual(expect.any(Number));
      },
      { timeout: 10_000, interval: 200 },
    );

    await coreApi(system, "POST", `${base}/${invitation.id}/resend`);
    await vi.waitFor(() => expect(mails()).toHaveLength(3), { timeout: 20_000, interval: 200 });
    const resent = new URL(
      /Accept the invitation: (\S+)/.exec(mails()[2]?.text ?? "")?.[1] as string,
    );
    expect(resent.searchParams.get("token")).not.toBe(token);

    // A revoked invitation is not emailed again.
    await coreApi(system, "POST", `${base}/${invitation.id}/revoke`);
    await expect(coreApi(system, "POST", `${base}/${invitation.id}/resend`)).rejects.toThrow(/409/);
    expect(mails()).toHaveLength(3);
  });

  const noBrowser = process.env.AUTHPI_NO_BROWSER;
  it.skipIf(Boolean(noBrowser))(
    "the invitee follows the emailed link in a browser, chooses a password and joins",
    async () => {
      const org = await coreApi<{ id: string }>(
        system,
        "POST",
        `/issuers/${system.seed.issuer_id}/organizations`,
        { name: "Browser Org" },
      );
      const base = `/issuers/${system.seed.issuer_id}/organizations/${org.id}/invitations`;
      const invitation = await coreApi<{ id: string }>(system, "POST", base, {
        email_invited: "browser.invitee@example.com",
        scopes: ["projects:read"],
      });
      await vi.waitFor(
        () => expect(mails().some((m) => m.to === "browser.invitee@example.com")).toBe(true),
        { timeout: 20_000, interval: 200 },
      );
      const mail = mails().find((m) => m.to === "browser.invitee@example.com");
      const link = /Accept the invitation: (\S+)/.exec(mail?.text ?? "")?.[1] as string;

      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--no-sandbox"],
      });
      try {
        const page = await browser.newPage();
        await page.goto(link);
        await expect.poll(() => page.locator("h1").textContent()).toBe("Join Browser Org");
        await page.fill("#password", "short");
        // The browser itself enforces minlength; bypass it to see the server's answer too.
        await page.evaluate(() =>
          document.querySelector("#password")?.removeAttribute("minlength"),
        );
        await page.click("button[type=submit]");
        await expect
          .poll(() => page.locator("[role=alert]").textContent())
          .toContain("at least 8 characters");
        await page.fill("#password", "browser chosen password");
        await page.click("button[type=submit]");
        await expect.poll(() => page.locator("h1").textContent()).toBe("You joined Browser Org");
      } finally {
        await browser.close();
      }
      const accepted = await coreApi<{ status: string; user_id_invited: string }>(
        system,
        "GET",
        `${base}/${invitation.id}`,
      );
      expect(accepted.status).toBe("accepted");
      const members = await coreApi<{ member_id: string; scopes: string[] }[]>(
        system,
        "GET",
        `/issuers/${system.seed.issuer_id}/organizations/${org.id}/members`,
      );
      expect(members).toEqual([
        expect.objectContaining({ member_id: accepted.user_id_invited, scopes: ["projects:read"] }),
      ]);
    },
  );
});
