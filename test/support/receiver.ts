import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How the receiver answers the next request: a status (and headers), or a delay first. */
export type Behaviour = { status: number; headers?: Record<string, string>; delayMs?: number };

/**
 * A real HTTP webhook receiver on a free loopback port. Each request takes the next scripted
 * behaviour (then 200 once the script is used up) and is recorded.
 */
export class Receiver {
  readonly received: Received[] = [];
  readonly script: Behaviour[] = [];
  #server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          at: Date.now(),
        });
        const next = this.script.shift() ?? { status: 200 };
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(next.status, next.headers ?? {});
          res.end(next.status < 300 ? "ok" : "nope");
        }, next.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(port, "127.0.0.1", resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }
}
