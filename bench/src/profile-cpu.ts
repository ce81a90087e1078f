// `node bench/src/profile-cpu.ts [scenario]`: a V8 CPU profile of the IdP worker under one
// scenario's requests, summed by function (self time). A tool for finding where isolate time
// goes (docs/decisions/token-paths.md); not part of `pnpm bench`.
import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedDemo } from "@authpi/local-system/seed";
import { startLocalSystem } from "@authpi/local-system/system";
import { exchangeCode, mintCode, passwordLogin } from "./oauth/login-flow.ts";
import { fetchMetadata } from "./oauth/metadata.ts";
import { formHeaders } from "./oauth/token.ts";

const scenario = process.argv[2] ?? "client_credentials";
const INSPECTOR = 9239;
const REQUESTS = 3000;

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

async function inspect(): Promise<(method: string, params?: object) => Promise<unknown>> {
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json()) as {
    id: string;
    title?: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.title?.includes("idp")) ?? targets[0];
  if (!target) throw new Error("no inspector target");
  console.error("profiling", target.title);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok) => ws.addEventListener("open", ok));
  let next = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id) waiting.get(message.id)?.(message.result);
  });
  return (method, params = {}) =>
    new Promise((ok) => {
      const id = next++;
      waiting.set(id, ok);
      ws.send(JSON.stringify({ id, method, params }));
    });
}

const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-profile-"));
const system = await startLocalSystem({
  persistDir: dir,
  logLevel: "none",
  host: "127.0.0.1",
  publicHost: "127.0.0.1",
  inspectorPort: INSPECTOR,
});
try {
  const seed = await seedDemo(system.coreUrl, system.secrets.BOOTSTRAP_TOKEN);
  const issuer = `${system.idpUrl}/${seed.issuer_id}`;
  const metadata = await fetchMetadata(issuer);
  const web = {
    client_id: seed.clients.web.client_id,
    client_secret: seed.clients.web.client_secret ?? "",
    redirect_uri: seed.clients.web.redirect_uris[0] ?? "",
  };
  const m2m = {
    client_id: seed.clients.m2m.client_id,
    client_secret: seed.clients.m2m.client_secret ?? "",
  };
  const target = {
    metadata,
    client: web,
    user: { username: seed.user.username, password: seed.user.password },
    scope: "openid profile email offline_access",
  };
  const login = await passwordLogin(target);
  let refresh = login.tokens.refresh_token ?? "";
  const codes =
    scenario === "authorization_code"
      ? await Promise.all(Array.from({ length: 400 }, () => mintCode(login.ua, target)))
      : [];
  const one = async (i: number) => {
    if (scenario === "client_credentials") {
      await fetch(metadata.token_endpoint, {
        method: "POST",
        headers: formHeaders(m2m),
        body: new URLSearchParams({ grant_type: "client_credentials" }),
      }).then((r) => r.arrayBuffer());
    } else if (scenario === "refresh_token") {
      const response = await fetch(metadata.token_endpoint, {
        method: "POST",
        headers: formHeaders(web),
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refresh }),
      });
      refresh = ((await response.json()) as { refresh_token: string }).refresh_token;
    } else if (scenario === "userinfo") {
      await fetch(metadata.userinfo_endpoint ?? "", {
        headers: { authorization: `Bearer ${login.tokens.access_token}` },
      }).then((r) => r.arrayBuffer());
    } else if (scenario === "authorization_code") {
      const c = codes[i % codes.length];
      if (c && i < codes.length) await exchangeCode(target, c.code, c.code_verifier);
    } else {
      await fetch(metadata.jwks_uri).then((r) => r.arrayBuffer());
    }
  };
  for (let i = 0; i < 200; i++) await one(i);
  const send = await inspect();
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 50 });
  await send("Profiler.start");
  const count = scenario === "authorization_code" ? 200 : REQUESTS;
  for (let i = 0; i < count; i++) await one(scenario === "authorization_code" ? i + 200 : i);
  const { profile } = (await send("Profiler.stop")) as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  writeFileSync(path.join(os.tmpdir(), `authpi-${scenario}.cpuprofile`), JSON.stringify(profile));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anon)"} ${url.split("/").slice(-2).join("/")}:${lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const top = [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`${scenario}: ${(total / 1000 / count).toFixed(3)} ms sampled per request`);
  for (const [key, us] of top)
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
} finally {
  await system.stop();
}
