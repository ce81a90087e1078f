import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

/** How the receiver answers one request: a status (headers, a delay) — the outside world. */
export interface Behaviour {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** A fake DNS-over-HTTPS zone (JSON API): name → answers, or an rcode / HTTP failure. */
const ZONE: Record<string, { A?: string[]; AAAA?: string[]; rcode?: number; http?: number }> = {
  "inward.test": { A: ["93.184.216.34", "10.0.0.5"] },
  "inward6.test": { AAAA: ["fd00::5"] },
  "mapped.test": { AAAA: ["::ffff:127.0.0.1"] },
  "public.test": { A: ["93.184.216.34"], AAAA: ["2606:2800:220:1:248:1893:25c8:1946"] },
  "nowhere.test": { rcode: 3 },
  "broken.test": { http: 500 },
};

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the local receiver (also its control endpoints and the fake DoH). */
    outsideUrl: string;
  }
}

function json(res: ServerResponse, status: number, value: unknown, type = "application/json") {
  res.writeHead(status, { "content-type": type });
  res.end(JSON.stringify(value));
}

function dohAnswer(url: URL, res: ServerResponse) {
  const name = (url.searchParams.get("name") ?? "").replace(/\.$/, "");
  const type = url.searchParams.get("type") === "AAAA" ? "AAAA" : "A";
  const entry = ZONE[name] ?? { rcode: 3 };
  if (entry.http) return json(res, entry.http, { error: "down" });
  const answers = entry[type] ?? [];
  json(
    res,
    200,
    {
      Status: entry.rcode ?? 0,
      Answer: answers.map((data) => ({ name, type: type === "A" ? 1 : 28, TTL: 0, data })),
    },
    "application/dns-json",
  );
}

/**
 * Starts the outside world the dispatcher talks to, as a real HTTP server on loopback:
 * webhook receivers on `/hooks/{channel}` (scripted per channel through `/_script/{channel}`,
 * recorded at `/_received/{channel}`) and a DoH resolver on `/dns-query` (queries at `/_dns`).
 */
export default async function setup(project: TestProject) {
  const scripts = new Map<string, Behaviour[]>();
  const received = new Map<string, Received[]>();
  const dns: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const [, kind, channel = ""] = url.pathname.split("/");
      const body = Buffer.concat(chunks).toString();
      if (kind === "dns-query") {
        dns.push(`${url.searchParams.get("name")} ${url.searchParams.get("type")}`);
        return dohAnswer(url, res);
      }
      if (kind === "_dns") return json(res, 200, dns);
      if (kind === "_script") {
        scripts.set(channel, JSON.parse(body) as Behaviour[]);
        return json(res, 200, { ok: true });
      }
      if (kind === "_received") return json(res, 200, received.get(channel) ?? []);
      const log = received.get(channel) ?? [];
      log.push({
        path: url.pathname,
        headers: req.headers as Record<string, string>,
        body,
        at: Date.now(),
      });
      received.set(channel, log);
      const next = scripts.get(channel)?.shift() ?? { status: 200 };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(next.status, next.headers ?? {});
        res.end(next.status < 300 ? "ok" : "nope");
      }, next.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("outsideUrl", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
