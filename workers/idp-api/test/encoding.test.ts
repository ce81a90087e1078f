import {
  portableBase64,
  portableBase64Url,
  portableHex,
  toBase64,
  toBase64Url,
  toHex,
} from "@authpi/domain/crypto";
import { describe, expect, it } from "vitest";

// workerd has the native encoders; the portable ones (Node 22) are what they must equal.
describe("the byte encoders on workerd", () => {
  it("use the runtime's own Uint8Array encoders here", () => {
    expect(typeof (Uint8Array.prototype as unknown as { toHex?: unknown }).toHex).toBe("function");
  });

  it("give the portable encoders' output for every length, and for a view into a buffer", () => {
    for (let length = 0; length <= 67; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length + 3)).subarray(2, 2 + length);
      expect(toBase64Url(bytes)).toBe(portableBase64Url(bytes));
      expect(toBase64(bytes)).toBe(portableBase64(bytes));
      expect(toHex(bytes)).toBe(portableHex(bytes));
    }
    expect(toBase64Url(new Uint8Array([251, 255, 191]))).toBe("-_-_");
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe("000fff");
  });
});
