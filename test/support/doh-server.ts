import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real DNS-over-HTTPS resolver (JSON API, `application/dns-json`) on a free loopback port,
 * answering TXT questions from `records`; unknown names are NXDOMAIN. `PUT /records`
 * `{name, values}` publishes from another process (the shared system's tests).
 */
export class DohServer {
  readonly records = new Map<string, string[]>();
  #server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      if (req.method === "PUT" && req.url === "/records") {
        this.#publish(req).then(
          () => res.writeHead(204).end(),
          () => res.writeHead(400).end("a JSON {name, values}"),
        );
        return;
      }
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

  async #publish(req: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { name, values } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      name: string;
      values: string[];
    };
    if (typeof name !== "string" || !Array.isArray(values)) throw new Error("bad records");
    this.records.set(name.toLowerCase(), values.map(String));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}

/** Publishes TXT `values` at `name` on a DoH server of another process (see `PUT /records`). */
export async function publishTxt(dohUrl: string, name: string, values: string[]): Promise<void> {
  const response = await fetch(new URL("/records", dohUrl), {
    method: "PUT",
    body: JSON.stringify({ name, values }),
  });
  if (response.status !== 204) throw new Error(`the DoH server refused: ${response.status}`);
}
