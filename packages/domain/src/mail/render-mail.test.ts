import { describe, expect, it } from "vitest";
import { DEFAULT_PRIMARY_COLOR, type MailBrand, mailBrandOf } from "./mail-brand.ts";
import { MAIL_TEMPLATES, type MailTemplate } from "./mail-request.ts";
import { renderMail } from "./render-mail.ts";

const brand: MailBrand = {
  name: "Acme <Labs>",
  logoUrl: "https://cdn.acme.test/logo.png?a=1&b=2",
  primaryColor: "#7c2d12",
  links: [
    { kind: "privacy_policy", url: "https://acme.test/privacy" },
    { kind: "support", url: "https://acme.test/help" },
  ],
};
const LINK = "https://idp.test/iss_1/verify?token=abc&x=1";
const VALUES: Record<MailTemplate, Record<string, string>> = {
  invitation: { link: LINK, org: "Acme <Labs>", inviter: "Alice", expires_at: "1900000000000" },
  "email-verification": { link: LINK, code: "123456", name: "Bob" },
  "password-reset": { link: LINK },
  "sign-in-code": { link: LINK, code: "654321" },
  "email-change": { link: LINK, code: "111222" },
};

describe("one templating path for every email", () => {
  for (const template of MAIL_TEMPLATES) {
    it(`${template}: subject, a text and an HTML part with the link (and code), branded`, () => {
      const mail = renderMail(template, VALUES[template], brand, "en");
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.text).toContain(LINK);
      expect(mail.html).toContain('href="https://idp.test/iss_1/verify?token=abc&amp;x=1"');
      const code = VALUES[template].code;
      if (code) {
        expect(mail.text).toContain(code);
        expect(mail.html).toContain(code);
      }
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.html).toContain("background:#7c2d12");
      expect(mail.html).toContain('src="https://cdn.acme.test/logo.png?a=1&amp;b=2"');
      expect(mail.html).toContain('href="https://acme.test/privacy"');
      expect(mail.text).toContain("Privacy policy: https://acme.test/privacy");
      expect(mail.text).toContain("Support: https://acme.test/help");
    });
  }

  it("escapes every value in the HTML part and leaves the text part as written", () => {
    const values = { ...VALUES.invitation, message: `<script>alert("x")</script>` };
    const mail = renderMail("invitation", values, brand, "en");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<Labs>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Acme &lt;Labs&gt;");
    expect(mail.text).toContain(`<script>alert("x")</script>`);
    expect(mail.subject).toBe("You're invited to join Acme <Labs>");
    expect(mail.text).toContain("Alice invited you to join Acme <Labs>.");
  });

  it("uses the request's language, and English for one that is not shipped", () => {
    const values = VALUES["email-verification"];
    const fr = renderMail("email-verification", values, brand, "fr");
    expect(fr.subject).toBe("Vérifiez votre adresse e-mail pour Acme <Labs>");
    expect(fr.text).toContain("Bonjour Bob,");
    expect(fr.html).toContain('<html lang="fr">');
    const de = renderMail("password-reset", VALUES["password-reset"], brand, "de-CH");
    expect(de.subject).toBe("Ihr Passwort für Acme <Labs> zurücksetzen");
    expect(de.text).toContain("Neues Passwort wählen: https://idp.test");
    const other = renderMail("sign-in-code", VALUES["sign-in-code"], brand, "pt-BR");
    expect(other.subject).toBe("Your Acme <Labs> sign-in code");
    expect(other.html).toContain('<html lang="en">');
  });

  it("formats the invitation's expiry in the request's language", () => {
    const en = renderMail("invitation", VALUES.invitation, brand, "en");
    const de = renderMail("invitation", VALUES.invitation, brand, "de");
    expect(en.text).toContain("March 17, 2030");
    expect(de.text).toContain("17. März 2030");
  });
});

describe("the issuer's brand in emails", () => {
  const issuer = { id: "iss_1", name: "Acme", links: null, settings: {} } as never;

  it("falls back to AuthPI's colour, no logo and no links when the issuer sets none", () => {
    expect(mailBrandOf(issuer)).toEqual({
      name: "Acme",
      logoUrl: null,
      primaryColor: DEFAULT_PRIMARY_COLOR,
      links: [],
    });
  });

  it("takes settings.branding and the issuer's links, refusing what is not a URL or a hex colour", () => {
    const branded = mailBrandOf({
      id: "iss_1",
      name: null,
      links: { privacy_policy: "https://acme.test/p", support: "javascript:alert(1)" },
      settings: { branding: { logo_url: "https://acme.test/l.png", primary_color: "red" } },
    } as never);
    expect(branded).toEqual({
      name: "iss_1",
      logoUrl: "https://acme.test/l.png",
      primaryColor: DEFAULT_PRIMARY_COLOR,
      links: [{ kind: "privacy_policy", url: "https://acme.test/p" }],
    });
  });
});
