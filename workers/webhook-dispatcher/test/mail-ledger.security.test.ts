import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mailLedger } from "../src/mail-ledger.ts";
import { KEEP_MS, LEASE_MS } from "../src/objects/mail-ledger-object.ts";
import { testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;
const fresh = () => mailLedger(testEnv, `iss_${crypto.randomUUID()}`);

describe("the mail ledger: one request, at most one email", () => {
  it("lets one attempt hold a key; a sent key is never claimed again", async () => {
    const ledger = fresh();
    expect(await ledger.claim("k", T0)).toBe("claimed");
    expect(await ledger.claim("k", T0 + 1)).toBe("busy");
    await ledger.markSent("k", T0 + 2);
    expect(await ledger.claim("k", T0 + 3)).toBe("sent");
    expect(await ledger.claim("k", T0 + LEASE_MS + KEEP_MS - 10)).toBe("sent");
    expect(await ledger.claim("other", T0 + 3)).toBe("claimed");
  });

  it("frees a key whose send failed, and one whose attempt died, after its lease", async () => {
    const ledger = fresh();
    await ledger.claim("failed", T0);
    await ledger.release("failed");
    expect(await ledger.claim("failed", T0 + 1)).toBe("claimed");
    await ledger.claim("crashed", T0);
    expect(await ledger.claim("crashed", T0 + LEASE_MS - 1)).toBe("busy");
    expect(await ledger.claim("crashed", T0 + LEASE_MS + 1)).toBe("claimed");
  });

  it("never releases a key that was sent", async () => {
    const ledger = fresh();
    await ledger.claim("k", T0);
    await ledger.markSent("k", T0);
    await ledger.release("k");
    expect(await ledger.claim("k", T0 + 1)).toBe("sent");
  });

  it("keeps issuers apart: the same key of another issuer is its own", async () => {
    await fresh().claim("shared", T0);
    expect(await fresh().claim("shared", T0)).toBe("claimed");
  });

  it("forgets sent keys once they are past keeping, by alarm", async () => {
    const issuerId = `iss_${crypto.randomUUID()}`;
    const ledger = mailLedger(testEnv, issuerId);
    const long = Date.now() - KEEP_MS - LEASE_MS - 60_000;
    await ledger.claim("old", long);
    await ledger.markSent("old", long);
    await ledger.claim("recent", Date.now());
    await ledger.markSent("recent", Date.now());
    const stub = testEnv.MAIL_LEDGER.get(testEnv.MAIL_LEDGER.idFromName(issuerId));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await ledger.claim("old", long)).toBe("claimed");
    expect(await ledger.claim("recent", Date.now())).toBe("sent");
  });
});
