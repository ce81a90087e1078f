import { TRACE } from "../profile.ts";
import type { BenchResults } from "../run/results.ts";
import { ms } from "./format.ts";

function loadCoresText(results: BenchResults): string {
  const cores = [
    ...results.scenarios.flatMap((s) => [s.ours, s.peer]),
    results.ceiling.outcome,
  ].flatMap((o) => (o.status === "measured" && o.loadCores !== undefined ? [o.loadCores] : []));
  if (cores.length === 0) return "its CPU was not measured";
  return `it kept ${ms(Math.min(...cores))} to ${ms(Math.max(...cores))} cores busy during the measured runs (the most at the highest request rates), so the system under test had the rest of the machine`;
}

/** How the figures were produced, with this run's parameters filled in. */
export function methodSection(results: BenchResults): string {
  const p = results.profile;
  const m = results.machine;
  return `## Method

- **Our workers** are bundled with esbuild (as wrangler does) and run on **workerd through
  Miniflare's API with direct sockets** (\`packages/local-system\`, the same system \`pnpm dev\` and the
  system tests run): local D1, SQLite Durable Objects and Queues, migrations applied, **no wrangler
  dev proxy**. The state is seeded through the Core API (account, issuer, a confidential web client,
  an M2M client, a user with a password).
- **Why Miniflare and not a hand-written capnp config:** the same ceiling bundle was served both ways
  in this run (table below); the direct socket goes straight to the user worker, so Miniflare adds
  nothing measurable per request, and it gives us D1/DO/Queue simulators wired from the workers'
  own \`wrangler.toml\`, which a capnp config would have to duplicate.
- **The peer** is oidc-provider ${m.oidcProvider} (npm, OpenID Certified) on Node ${m.node}, in its own
  process, started by the bench: ES256 for every signature, JWT access tokens (RFC 9068) through
  resource indicators with a default resource, PKCE S256 required, client_credentials, refresh
  tokens on every code exchange and rotated on every use, introspection, and a password-login
  interaction checking Argon2id at m=19456 KiB, t=2, p=1 (ours' parameters and the same
  WebAssembly build, run on Node's main thread as ours runs in its isolate). First-party grants are loaded without a consent page, as ours behaves.
  oidc-provider only accepts opaque access tokens at /userinfo, so its userinfo and introspection
  runs use a second client without a default resource. Its storage is an unbounded in-memory
  map (oidc-provider's own memory adapter is a 1,000-entry LRU, too small for codes minted ahead).
- **The ceilings** are one bare worker (\`bench/src/ceiling/worker.ts\`, no framework, no
  validation), run the same way as ours: \`/token\` parses the client_credentials request and
  signs one ES256 JWT with jose; \`/stateful-token\` parses a form, makes one call to a SQLite
  Durable Object that files and spends a single-use row and opens a session row in one
  transaction, and signs two ES256 JWTs (a code exchange's or a refresh's minimum);
  \`/stateful-verify\` parses a form, verifies one ES256 JWT and reads one row through one
  Durable Object call (an introspection's or a userinfo's minimum); \`/document?bytes=N\` answers
  a GET with an N-byte JSON document held in memory, N being the length of our JWKS response
  (JWKS's minimum: no implementation can send those bytes for less). Discovery is compared with
  the runtime's answer to a GET with no work (the last table). Each scenario's minimum is
  measured again right after ours and oidc-provider ran it, and "ours / ceiling" and the bounds
  use that figure: the host's speed drifts over a run, so a ceiling from minutes later skews the
  ratio. The ceiling rows show the run's own measurement of each, taken at the end.
- **Load** comes from a separate process (autocannon ${m.autocannon}, forked by the bench) over
  127.0.0.1 only: ${p.connections} connections, ${p.warmupS} s warmup then ${p.durationS} s measured per
  scenario and system; the code exchange spends ${p.codes} codes minted just before through
  \`/authorize\` with a signed-in session (codes live 60 s), the refresh scenario keeps one rotation
  chain per connection, and the login scenario runs ${p.flowConcurrency} virtual users each doing whole
  logins (new cookie jar, authorize → login page → form POST → callback → token) back to back. Every
  driver uses only the standard protocol and the discovery document, so the same code drives both
  systems. Latency percentiles are from every response's own time (autocannon's histogram keeps
  whole milliseconds only).
- **CPU per request**, two figures. *Process CPU*: user + system time of the whole workerd process
  (every worker, the Durable Objects, the local D1 simulator, HTTP parsing; all threads) or of the
  Node peer, from \`/proc/<pid>/stat\` around the measured run, divided by the requests. *Isolate
  time*: workerd reports no CPU time locally (tail-worker \`cpuTime\` is 0), but
  \`workerd serve --async-trace\` records every turn each request context held the isolate lock; a
  second, short pass (${TRACE.connections} connections, ${TRACE.durationS} s per scenario, tracing on) sums those
  per request of the IdP worker (what Cloudflare bills as CPU time) and reports separately the time
  spent in Durable Objects and the local D1/Queue simulators (on Cloudflare, D1 runs elsewhere).
- **Bundle sizes** are what \`wrangler deploy --dry-run --outdir\` writes per worker, raw and gzipped.
  **Cold start** is runtime start to the first successful response, median of several runs.
- **Machine:** ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, workerd ${m.workerd},
  load average ${m.loadAverage.join(" / ")} at the start, ${m.date}. The load generator shares the
  machine: ${loadCoresText(results)}. workerd ran each
  process's requests on one thread (its "cores busy" stays near 1.0), so ours is bounded by one
  core here; Node is too, except for garbage collection.
- **Storage:** ours and the stateful ceilings keep their SQLite files (Durable Objects, local D1)
  under ${m.stateStorage.dir} (${m.stateStorage.filesystem}). On a disk, each Durable Object commit
  waits for the disk's sync on workerd's thread, which leaves a core idle on the writing paths
  (docs/decisions/token-paths.md); \`TMPDIR=/dev/shm pnpm bench\` measures without it. On
  Cloudflare a commit is a replicated write instead.
`;
}
