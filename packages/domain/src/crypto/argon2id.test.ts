import { describe, expect, it } from "vitest";
import { argon2idRaw } from "./argon2id.ts";
import { toBase64, utf8 } from "./encoding.ts";

const salt = utf8("somesalt");
const tag = (password: Uint8Array, memoryKib: number) =>
  toBase64(argon2idRaw(password, salt, { memoryKib, iterations: 2, parallelism: 1 }, 32));

describe("argon2id in workerd", () => {
  it("matches the reference implementation's published example", () => {
    // `echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1` in the reference README.
    expect(tag(utf8("password"), 65_536)).toBe("CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=");
  });

  it("hashes every UTF-8 byte of a non-ASCII password", () => {
    // Computed with hash-wasm 4.13 (an independent Argon2 build) at the same parameters.
    expect(tag(utf8("pässwörd 🔑"), 19_456)).toBe("FyIUHlOwRghKjYv1ylfnHhvZEzA9Wzf9PmAgu70BrvE=");
    expect(tag(utf8("pässwörd 🔑"), 19_456)).not.toBe(tag(utf8("pässwörd 🔑 extra"), 19_456));
  });

  it("refuses parameters the algorithm does not allow", () => {
    expect(() =>
      argon2idRaw(utf8("pw"), utf8("short"), { memoryKib: 64, iterations: 1, parallelism: 1 }, 32),
    ).toThrow(/argon2/);
  });
});
