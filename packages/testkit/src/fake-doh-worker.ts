/**
 * A DNS-over-HTTPS resolver (JSON API) as an auxiliary worker of a test pool, for domain
 * verification: `PUT /records {name, values}` publishes TXT values (split into strings of `chunk`
 * characters, 255 as DNS does), `{name, fail: true}` makes the name's lookups fail with 502;
 * anything unpublished is NXDOMAIN.
 */
const script = `
const records = new Map();
const chunks = (value, size) => value.match(new RegExp(".{1," + size + "}", "g")) ?? [""];
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/records" && request.method === "PUT") {
      const { name, values = [], fail = false, chunk = 255 } = await request.json();
      records.set(name.toLowerCase(), { values, fail, chunk });
      return new Response(null, { status: 204 });
    }
    if (request.headers.get("accept") !== "application/dns-json") {
      return new Response("accept application/dns-json", { status: 400 });
    }
    const name = (url.searchParams.get("name") ?? "").toLowerCase();
    const entry = records.get(name);
    if (entry?.fail) return new Response("upstream failure", { status: 502 });
    const answer = (entry?.values ?? []).map((value) => ({
      name, type: 16, TTL: 60, data: chunks(value, entry.chunk).map((c) => JSON.stringify(c)).join(" "),
    }));
    const body = { Status: entry ? 0 : 3, Question: [{ name, type: 16 }], Answer: answer };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/dns-json" } });
  },
};
`;

export const FAKE_DOH_WORKER_NAME = "fake-doh";

export function fakeDohWorker() {
  return { name: FAKE_DOH_WORKER_NAME, modules: true, script };
}

/** Publishes (or with `fail`, breaks) the TXT values of `name` on the fake resolver. */
export async function publishTxt(
  resolver: Fetcher,
  name: string,
  values: string[],
  options: { fail?: boolean; chunk?: number } = {},
): Promise<void> {
  const response = await resolver.fetch("http://fake-doh/records", {
    method: "PUT",
    body: JSON.stringify({ name, values, ...options }),
  });
  if (response.status !== 204) throw new Error(`fake DoH refused the records: ${response.status}`);
}
