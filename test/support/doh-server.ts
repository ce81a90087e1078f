import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real DNS-over-HTTPS resolver (JSON API, `application/dns-json`) on a free loopback port,
 * answering TXT questions from `records`; unknown names are NXDOMAIN.
 */
export class DohServer {
  readonly records = new Map<string, string[]>();
  #server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const query = new URL(req.url ?? "/", "http://localhost").searchParams;
      const name = (query.get("name") ?? "").toLowerCase();
      if (req.headers.accept !== "application/dns-json") {
        res.writeHead(400).end("accept application/dns-json");
        return;
      }
      const values = this.records.get(name);
      const answer = (values ?? []).map((v) => ({
        name,
        type: 16,
        TTL: 60,
        data: JSON.stringify(v),
      }));
      res.writeHead(200, { "content-type": "application/dns-json" });
      res.end(
        JSON.stringify({ Status: values ? 0 : 3, Question: [{ name, type: 16 }], Answer: answer }),
      );
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/dns-query`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}
