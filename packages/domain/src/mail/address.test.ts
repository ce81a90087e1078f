import { describe, expect, it } from "vitest";
import { addressOf, formatMailbox, fromHeader } from "./address.ts";

describe("mailboxes (RFC 5322 §3.4)", () => {
  it("puts the issuer's name in front of the configured address", () => {
    expect(fromHeader("AuthPI Edge <no-reply@acme.test>", "Acme")).toBe(
      '"Acme" <no-reply@acme.test>',
    );
    expect(fromHeader("no-reply@acme.test", undefined)).toBe("no-reply@acme.test");
    expect(addressOf(" Name <a@b.test> ")).toBe("a@b.test");
  });

  it("quotes the name so it can neither end the quote nor add a header", () => {
    expect(formatMailbox('Evil" <x@y>\r\nBcc: victim@z', "a@b.test")).toBe(
      '"Evil\\" <x@y> Bcc: victim@z" <a@b.test>',
    );
  });
});
