import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedDemo } from "@authpi/local-system/seed";
import { type LocalSystem, startLocalSystem } from "@authpi/local-system/system";
import { childPids } from "../measure/process-cpu.ts";
import { BENCH_SCOPE, type BenchTarget } from "./target.ts";

export interface OursTarget extends BenchTarget {
  system: LocalSystem;
  /** The seeded state directory, reused by the cold-start runs. */
  stateDir: string;
  /** Deletes the state directory (after `stop`). */
  removeState(): Promise<void>;
}

/** The workerd process a start created (Miniflare spawns it as a child of this process). */
export function newWorkerdPid(before: number[]): number {
  const pid = childPids(process.pid, "workerd").find((p) => !before.includes(p));
  if (!pid) throw new Error("cannot find the workerd process Miniflare started");
  return pid;
}

/**
 * Our three workers on workerd through Miniflare's API with direct sockets (no wrangler dev
 * proxy), in a fresh state seeded through the Core API: issuer, web and M2M clients, a user.
 */
export async function startOurs(
  options: { logLevel?: "none" | "error" } = {},
): Promise<OursTarget> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-bench-"));
  const stateDir = path.join(dir, "state");
  const before = childPids(process.pid, "workerd");
  const system = await startLocalSystem({
    persistDir: stateDir,
    logLevel: options.logLevel ?? "none",
    host: "127.0.0.1",
    publicHost: "127.0.0.1",
  });
  const pid = newWorkerdPid(before);
  const seed = await seedDemo(system.coreUrl, system.secrets.BOOTSTRAP_TOKEN);
  const web = {
    client_id: seed.clients.web.client_id,
    client_secret: seed.clients.web.client_secret ?? "",
    redirect_uri: seed.clients.web.redirect_uris[0] ?? "",
  };
  return {
    key: "ours",
    label: "AuthPI Edge",
    issuer: `${system.idpUrl}/${seed.issuer_id}`,
    pid,
    system,
    stateDir,
    clients: {
      web,
      userinfo: web,
      m2m: {
        client_id: seed.clients.m2m.client_id,
        client_secret: seed.clients.m2m.client_secret ?? "",
      },
    },
    user: { username: seed.user.username, password: seed.user.password },
    scope: BENCH_SCOPE,
    stop: () => system.stop(),
    removeState: () => rm(dir, { recursive: true, force: true }),
  };
}
