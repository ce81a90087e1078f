import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePort } from "@authpi/local-system/ports";
import { discoveryUrl } from "../oauth/metadata.ts";
import { waitReady } from "../runtimes/wait-ready.ts";
import { BENCH_SCOPE, type BenchTarget } from "../targets/target.ts";
import { PEER_USERINFO_CLIENT, type PeerConfig } from "./peer-config.ts";

const SERVER = path.join(import.meta.dirname, "server.ts");
const REDIRECT_URI = "http://localhost:3000/callback";

/** Starts oidc-provider in its own Node process; `coldStartMs` is spawn to first discovery 200. */
export async function startPeer(): Promise<BenchTarget & { coldStartMs: number }> {
  const config: PeerConfig = {
    port: await freePort(),
    webSecret: randomBytes(32).toString("base64url"),
    m2mSecret: randomBytes(32).toString("base64url"),
    redirectUri: REDIRECT_URI,
    user: { username: "bench@example.com", password: randomBytes(12).toString("base64url") },
  };
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PEER_CONFIG: JSON.stringify(config), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const issuer = `http://127.0.0.1:${config.port}`;
  try {
    await waitReady(discoveryUrl(issuer), { expect: 200 });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`oidc-provider did not start: ${(error as Error).message}\n${stderr}`);
  }
  const web = { client_id: "web", client_secret: config.webSecret, redirect_uri: REDIRECT_URI };
  return {
    key: "peer",
    label: "oidc-provider",
    issuer,
    pid: child.pid ?? 0,
    coldStartMs: performance.now() - started,
    clients: {
      web,
      userinfo: { ...web, client_id: PEER_USERINFO_CLIENT },
      m2m: { client_id: "m2m", client_secret: config.m2mSecret },
    },
    user: config.user,
    scope: BENCH_SCOPE,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
