import { describe, expect, it } from "vitest";
import { issuerStoreId } from "./issuer-store-contract.ts";

/** A namespace whose ids are their names, counting how often it derives one. */
function countingNamespace() {
  const derived: string[] = [];
  return {
    derived,
    idFromName(name: string) {
      derived.push(name);
      return { name, toString: () => `id:${name}` } as unknown as DurableObjectId;
    },
  };
}

describe("issuerStoreId", () => {
  it("names shard 0 by the issuer id and shard n `{id}#n`, deriving each id once per isolate", () => {
    const ns = countingNamespace();
    const first = issuerStoreId(ns, "iss_a");
    expect(String(first)).toBe("id:iss_a");
    expect(issuerStoreId(ns, "iss_a")).toBe(first);
    expect(String(issuerStoreId(ns, "iss_a", 2))).toBe("id:iss_a#2");
    expect(String(issuerStoreId(ns, "iss_a", 2))).toBe("id:iss_a#2");
    expect(ns.derived).toEqual(["iss_a", "iss_a#2"]);
  });

  it("keeps each namespace's ids apart", () => {
    const one = countingNamespace();
    const other = countingNamespace();
    issuerStoreId(one, "iss_b");
    issuerStoreId(other, "iss_b");
    expect(one.derived).toEqual(["iss_b"]);
    expect(other.derived).toEqual(["iss_b"]);
  });

  it("holds a bounded number of ids: past the bound it starts again, still right", () => {
    const ns = countingNamespace();
    for (let i = 0; i <= 10_000; i++) issuerStoreId(ns, `iss_${i}`);
    expect(ns.derived).toHaveLength(10_001);
    // The memo was cleared when it was full, so the first names are derived again.
    expect(String(issuerStoreId(ns, "iss_0"))).toBe("id:iss_0");
    expect(ns.derived).toHaveLength(10_002);
    expect(String(issuerStoreId(ns, "iss_10000"))).toBe("id:iss_10000");
    expect(ns.derived).toHaveLength(10_002);
  });
});
