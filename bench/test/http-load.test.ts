import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, expect, test } from "vitest";
import { runHttpLoad } from "../src/load/http-load.ts";

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => res.end("ok"));
});
await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

test("a pool run is timed to its last response, not to autocannon's next whole second", async () => {
  const result = await runHttpLoad({
    kind: "pool",
    url,
    method: "POST",
    headers: {},
    connections: 4,
    maxS: 10,
    bodies: Array.from({ length: 300 }, (_, i) => `n=${i}`),
  });
  expect(result.ok).toBe(300);
  // 300 answers from a local server take a small fraction of a second; autocannon reports its
  // end on its one-second tick, so a run timed by its callback lasts a whole second or more.
  expect(result.durationS).toBeLessThan(0.9);
  expect(result.perSecond).toBeCloseTo(300 / result.durationS, 6);
});
