import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../exit-codes.ts";
import { resolveCredentials } from "./credentials.ts";

async function withProfiles(content: unknown) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-profiles-"));
  await writeFile(path.join(dir, "profiles.json"), JSON.stringify(content));
  return dir;
}

const profiles = {
  default: "staging",
  profiles: {
    staging: { base_url: "https://core.staging.example/", api_key: "key_s:secret-s" },
    prod: { base_url: "https://core.example", api_key: "key_p:secret:with:colons" },
  },
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe("resolveCredentials", () => {
  it("takes AUTHPI_API_KEY and AUTHPI_BASE_URL", async () => {
    const env = { AUTHPI_API_KEY: "key_1:abc", AUTHPI_BASE_URL: "http://localhost:8788/" };
    expect(await resolveCredentials(env)).toEqual({
      baseUrl: "http://localhost:8788",
      keyId: "key_1",
      keySecret: "abc",
      source: "AUTHPI_API_KEY",
    });
  });

  it("prefers a named profile (flag over AUTHPI_PROFILE) to the environment key", async () => {
    const dir = await withProfiles(profiles);
    const env = {
      AUTHPI_CONFIG_DIR: dir,
      AUTHPI_API_KEY: "key_1:abc",
      AUTHPI_BASE_URL: "http://x",
    };
    const fromFlag = await resolveCredentials({ ...env, AUTHPI_PROFILE: "staging" }, "prod");
    expect(fromFlag).toMatchObject({
      keyId: "key_p",
      keySecret: "secret:with:colons",
      source: "profile prod",
    });
    const fromEnv = await resolveCredentials({ ...env, AUTHPI_PROFILE: "staging" });
    expect(fromEnv).toMatchObject({ baseUrl: "https://core.staging.example", keyId: "key_s" });
    expect((await resolveCredentials({ AUTHPI_CONFIG_DIR: dir })).source).toBe("profile staging");
  });

  it("exits with the auth code when credentials are missing or malformed", async () => {
    const dir = await withProfiles(profiles);
    expect((await refusal(resolveCredentials({ AUTHPI_CONFIG_DIR: `${dir}/none` }))).code).toBe(
      EXIT.auth,
    );
    const missingUrl = await refusal(resolveCredentials({ AUTHPI_API_KEY: "key_1:abc" }));
    expect(missingUrl.message).toContain("AUTHPI_BASE_URL");
    const noColon = await refusal(
      resolveCredentials({ AUTHPI_API_KEY: "key_1", AUTHPI_BASE_URL: "http://x" }),
    );
    expect(noColon.code).toBe(EXIT.auth);
    const unknown = await refusal(resolveCredentials({ AUTHPI_CONFIG_DIR: dir }, "nope"));
    expect(unknown.message).toContain('No profile named "nope"');
  });

  it("refuses a profiles file with unknown fields", async () => {
    const dir = await withProfiles({
      profiles: { a: { base_url: "http://x", api_key: "k:s", token: "t" } },
    });
    expect((await refusal(resolveCredentials({ AUTHPI_CONFIG_DIR: dir }))).code).toBe(EXIT.usage);
  });
});
