import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./cli.ts";
import { EXIT } from "./exit-codes.ts";

async function authpi(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const fetchNothing = (() => Promise.reject(new Error("no network in this test"))) as typeof fetch;
  const code = await run(args, {
    env: { AUTHPI_CONFIG_DIR: "/nonexistent", ...env },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    fetch: fetchNothing,
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("authpi exit codes", () => {
  it("0 for help and version", async () => {
    expect((await authpi(["--help"])).code).toBe(EXIT.ok);
    expect((await authpi(["--version"])).stdout).toBe("0.1.0");
  });

  it("3 for an unknown command, an unknown flag or a missing argument", async () => {
    expect((await authpi(["frobnicate"])).code).toBe(EXIT.usage);
    expect((await authpi(["plan", "--no-such-flag"])).code).toBe(EXIT.usage);
    expect((await authpi(["clients", "get"])).code).toBe(EXIT.usage);
  });

  it("3 for a resource under an issuer without --issuer", async () => {
    const env = { AUTHPI_API_KEY: "key_1:s", AUTHPI_BASE_URL: "http://127.0.0.1:9" };
    const result = await authpi(["clients", "list"], env);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("--issuer");
  });

  it("4 without credentials", async () => {
    const result = await authpi(["issuers", "list", "--json"]);
    expect(result.code).toBe(EXIT.auth);
    expect(JSON.parse(result.stderr)).toMatchObject({ code: EXIT.auth });
  });

  it("validate: 0 for a valid file, 3 naming the problem otherwise (no credentials needed)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-validate-"));
    const good = path.join(dir, "good.yaml");
    const bad = path.join(dir, "bad.yaml");
    await writeFile(good, "version: 1\nissuers:\n  main:\n    name: Main\n");
    await writeFile(bad, "version: 1\nissuers:\n  main:\n    title: Main\n");
    expect((await authpi(["validate", "-f", good])).code).toBe(EXIT.ok);
    const refused = await authpi(["validate", "-f", bad, "--json"]);
    expect(refused.code).toBe(EXIT.usage);
    expect(JSON.parse(refused.stderr).details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "issuers.main" })]),
    );
  });

  it("schema prints the JSON Schema", async () => {
    const schema = JSON.parse((await authpi(["schema"])).stdout);
    expect(schema.title).toBe("authpi.yaml");
  });
});
