import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { workerdBinary } from "../runtimes/workerd-binary.ts";

export interface Machine {
  date: string;
  cpus: number;
  model: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  workerd: string;
  oidcProvider: string;
  autocannon: string;
  /** Where ours and the ceilings keep their SQLite state (Durable Objects, D1), and its filesystem. */
  stateStorage: { dir: string; filesystem: string };
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve(name);
  const root = main.slice(
    0,
    main.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length,
  );
  return (JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string }).version;
}

/** The filesystem type of the mount that holds `dir` (the longest mount point above it). */
export function filesystemOf(dir: string, mounts: string): string {
  let best = { point: "", type: "unknown" };
  for (const line of mounts.split("\n")) {
    const [, point, type] = line.split(" ");
    if (!point || !type) continue;
    const above = point === "/" || dir === point || dir.startsWith(`${point}/`);
    if (above && point.length >= best.point.length) best = { point, type };
  }
  return best.type;
}

function readMounts(): string {
  try {
    return readFileSync("/proc/mounts", "utf8");
  } catch {
    return "";
  }
}

/** What the numbers were measured on. */
export function describeMachine(): Machine {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    model: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    workerd: workerdBinary().version,
    oidcProvider: packageVersion("oidc-provider"),
    autocannon: packageVersion("autocannon"),
    stateStorage: { dir: os.tmpdir(), filesystem: filesystemOf(os.tmpdir(), readMounts()) },
  };
}
