import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { workerdBinary } from "./workerd-binary.ts";

export interface PlainWorkerdOptions {
  /** The bundled ES module (its directory becomes the config's directory). */
  script: string;
  port: number;
  compatibilityDate: string;
  textBindings?: Record<string, string>;
}

export interface PlainWorkerd {
  url: string;
  pid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A capnp config serving one modules worker on one socket: workerd with nothing in front. */
export function capnpConfig(options: PlainWorkerdOptions): string {
  const bindings = Object.entries(options.textBindings ?? {})
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(", ");
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .mainWorker)],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "main")],
);
const mainWorker :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "${path.basename(options.script)}")],
  compatibilityDate = "${options.compatibilityDate}",
  bindings = [${bindings}],
);
`;
}

/** Runs `workerd serve` on a generated capnp config (no Miniflare, no wrangler). */
export async function startPlainWorkerd(options: PlainWorkerdOptions): Promise<PlainWorkerd> {
  const dir = path.dirname(options.script);
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "config.capnp");
  await writeFile(configFile, capnpConfig(options));
  const child = spawn(workerdBinary().default, ["serve", configFile], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code) => {
    if (code) console.error(`workerd exited with ${code}: ${stderr}`);
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid: child.pid ?? 0,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
