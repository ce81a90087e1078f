import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors.ts";
import { bodyIsBounded, boundedBodyBytes } from "./bounded-body.ts";

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("https://idp.example/token", { method: "POST", body, headers });
}

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

describe("bodyIsBounded", () => {
  it("leaves a body with a declared length within the limit to its reader", () => {
    expect(bodyIsBounded(post("a=1", { "content-length": "3" }), 10)).toBe(true);
  });

  it("asks for counting when a body declares no length", () => {
    expect(bodyIsBounded(post(chunked("a=1")), 10)).toBe(false);
  });

  it("refuses a declared length over the limit before anything is read", () => {
    const request = post("a=1", { "content-length": "11" });
    try {
      bodyIsBounded(request, 10);
      expect.unreachable("a declared length over the limit passed");
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe("PAYLOAD_TOO_LARGE");
    }
    expect(request.bodyUsed).toBe(false);
  });

  it("never reads a GET's body and has nothing to bound without one", () => {
    expect(bodyIsBounded(new Request("https://idp.example/userinfo"), 10)).toBe(true);
    expect(bodyIsBounded(post(null), 10)).toBe(true);
  });
});

describe("boundedBodyBytes", () => {
  it("reads a body without a declared length within the limit", async () => {
    const bytes = await boundedBodyBytes(post(chunked("a=1")), 10);
    expect(new TextDecoder().decode(bytes ?? new ArrayBuffer(0))).toBe("a=1");
  });

  it("stops a body without a declared length at the limit", async () => {
    await expect(boundedBodyBytes(post(chunked("a".repeat(11))), 10)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
  });
});
