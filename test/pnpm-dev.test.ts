import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { freePort } from "@authpi/local-system/ports";
import { afterAll, describe, expect, it, vi } from "vitest";

let child: ChildProcess | undefined;
let dir: string | undefined;

afterAll(async () => {
  child?.kill("SIGTERM");
  if (dir) await rm(dir, { recursive: true, force: true });
});

function startDev(env: Record<string, string>, args: string[] = []): ChildProcess {
  const proc = spawn(process.execPath, ["scripts/dev.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.resume();
  proc.stderr?.resume();
  return proc;
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

describe("pnpm dev", () => {
  it("writes dev.json once ready, serves the seeded issuer, keeps data across restarts", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "authpi-dev-"));
    const devJson = path.join(dir, "dev.json");
    const env = {
      AUTHPI_DIR: dir,
      IDP_PORT: String(await freePort()),
      CORE_PORT: String(await freePort()),
      UPSTREAM_PORT: String(await freePort()),
    };
    child = startDev(env);
    await vi.waitFor(() => expect(existsSync(devJson)).toBe(true), {
      timeout: 90_000,
      interval: 250,
    });
    const info = JSON.parse(await readFile(devJson, "utf8"));
    expect(info).toMatchObject({
      core_api_url: `http://localhost:${env.CORE_PORT}`,
      idp_api_url: `http://localhost:${env.IDP_PORT}`,
      account_id: expect.stringMatching(/^acc_/),
      api_key_id: expect.stringMatching(/^key_/),
      api_key_secret: expect.any(String),
      issuer_id: expect.stringMatching(/^i_/),
      issuer_url: `http://localhost:${env.IDP_PORT}/${info.issuer_id}`,
      clients: {
        web: { client_id: expect.stringMatching(/^c_/), client_secret: expect.any(String) },
        spa: { client_id: expect.stringMatching(/^c_/), client_secret: null },
      },
      user: { username: "demo@example.com", password: expect.any(String) },
    });
    expect(info.clients.web.redirect_uris[0]).toMatch(/^http:\/\/localhost/);
    expect(info.upstream).toEqual({
      issuer: `http://127.0.0.1:${env.UPSTREAM_PORT}`,
      username: "upstream-demo",
      password: expect.any(String),
    });
    const upstreamDiscovery = await fetch(
      `${info.upstream.issuer}/.well-known/openid-configuration`,
    );
    expect(((await upstreamDiscovery.json()) as { issuer: string }).issuer).toBe(
      info.upstream.issuer,
    );
    const spa = info.clients.spa;
    const login = await fetch(
      `${info.issuer_url}/authorize?${new URLSearchParams({
        client_id: spa.client_id,
        redirect_uri: spa.redirect_uris[0],
        response_type: "code",
        scope: "openid",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      })}`,
    );
    expect(await login.text()).toContain("Continue with Local OIDC");
    const discovery = await fetch(`${info.issuer_url}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(info.issuer_url);

    await stop(child);
    expect(existsSync(devJson)).toBe(false);

    child = startDev(env);
    await vi.waitFor(() => expect(existsSync(devJson)).toBe(true), {
      timeout: 90_000,
      interval: 250,
    });
    const again = JSON.parse(await readFile(devJson, "utf8"));
    expect(again.issuer_id).toBe(info.issuer_id);
    const auth = Buffer.from(`${again.api_key_id}:${again.api_key_secret}`).toString("base64");
    const issuer = await fetch(
      `${again.core_api_url}/v1/accounts/${again.account_id}/issuers/${again.issuer_id}`,
      {
        headers: { authorization: `Basic ${auth}` },
      },
    );
    expect(issuer.status).toBe(200);
    await stop(child);
    child = undefined;
  }, 240_000);
});
