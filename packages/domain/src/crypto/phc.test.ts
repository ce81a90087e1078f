import { describe, expect, it } from "vitest";
import { formatArgon2idPhc, parseArgon2idPhc } from "./phc.ts";

const salt = "c29tZXNhbHRzb21lc2FsdA";
const tag = "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
const good = `$argon2id$v=19$m=19456,t=2,p=1$${salt}$${tag}`;

describe("PHC strings", () => {
  it("parses and formats the same string", () => {
    const parsed = parseArgon2idPhc(good);
    expect(parsed?.params).toEqual({ memoryKib: 19_456, iterations: 2, parallelism: 1 });
    expect(parsed?.salt).toHaveLength(16);
    expect(parsed?.tag).toHaveLength(32);
    expect(formatArgon2idPhc(parsed as NonNullable<typeof parsed>)).toBe(good);
  });

  it.each([
    ["empty", ""],
    ["another algorithm", good.replace("argon2id", "argon2i")],
    ["another version", good.replace("v=19", "v=16")],
    ["parameters out of order", good.replace("m=19456,t=2,p=1", "t=2,m=19456,p=1")],
    ["a missing parameter", good.replace(",p=1", "")],
    ["a leading zero", good.replace("m=19456", "m=019456")],
    ["zero passes", good.replace("t=2", "t=0")],
    ["memory beyond the Worker's budget", good.replace("m=19456", "m=1048576")],
    ["passes beyond the ceiling", good.replace("t=2", "t=11")],
    ["too many lanes", good.replace("p=1", "p=5")],
    ["less than 8 KiB per lane", good.replace("m=19456", "m=16").replace("p=1", "p=4")],
    ["padding", `${good}=`],
    ["base64url characters", good.replace(tag, `-${tag.slice(1)}`)],
    ["non-canonical trailing bits", good.replace(tag, `${tag.slice(0, -1)}d`)],
    ["an impossible base64 length", good.replace(salt, `${salt}AAA`)],
    ["a salt under 8 bytes", good.replace(salt, "c29tZQ")],
    ["a tag under 16 bytes", good.replace(tag, "CTFhFdXPJO1aFaMa")],
    ["an extra field", `${good}$AAAA`],
    ["whitespace", ` ${good}`],
  ])("refuses %s", (_, text) => {
    expect(parseArgon2idPhc(text)).toBeNull();
  });
});
