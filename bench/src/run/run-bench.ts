import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { adjacentCeiling } from "../ceiling/adjacent.ts";
import {
  ceilingScenario,
  documentScenario,
  honoCeilingScenario,
  statefulTokenScenario,
  statefulVerifyScenario,
  trivialScenario,
} from "../ceiling/ceiling-job.ts";
import {
  buildCeiling,
  COMPATIBILITY_DATE,
  startCeilingMiniflare,
  startCeilingPlain,
} from "../ceiling/start-ceiling.ts";
import { measureHashing } from "../hashing/measure-hashing.ts";
import { traceCeiling, traceOurs } from "../isolate-time/trace-pass.ts";
import { LoadClient } from "../load/load-client.ts";
import { bundleSizes } from "../measure/bundle-size.ts";
import { measureColdStarts } from "../measure/cold-start.ts";
import { describeMachine } from "../measure/machine.ts";
import { fetchMetadata } from "../oauth/metadata.ts";
import { startPeer } from "../peer/start-peer.ts";
import type { Profile } from "../profile.ts";
import { SCENARIOS } from "../scenarios/catalogue.ts";
import { startOurs } from "../targets/start-ours.ts";
import type { Outcome, ScenarioReport } from "./outcome.ts";
import type { BenchResults } from "./results.ts";
import { medianRound, type Round, roundRates } from "./rounds.ts";
import { failedOutcome, measure, runScenario } from "./run-scenario.ts";

export interface BenchOptions {
  profile: Profile;
  /** Scenario ids to run (all when absent). */
  only?: string[];
  coldStartRuns: number;
  bundles: boolean;
  /** The isolate-time pass under workerd's async trace. */
  trace: boolean;
  /** Miniflare's direct socket against a plain capnp config, on the ceiling worker. */
  runtimeComparison: boolean;
  /** CPU per password hash, Argon2id beside PBKDF2 (`--only password_hashing` runs it alone). */
  hashing: boolean;
  log: (line: string) => void;
}

function describe(outcome: Outcome): string {
  if (outcome.status === "measured") {
    const r = outcome.result;
    return `${r.perSecond.toFixed(0)}/s p50 ${r.p50Ms.toFixed(2)} ms p99 ${r.p99Ms.toFixed(2)} ms, ${outcome.processCpuMs.toFixed(3)} ms CPU, ${r.errors} errors`;
  }
  if (outcome.status === "unavailable") return `not available yet (${outcome.detail})`;
  return `failed: ${outcome.error}`;
}

/** How many bytes our JWKS response carries: the size the document ceiling serves. */
async function jwksSize(issuer: string): Promise<number> {
  const { jwks_uri } = await fetchMetadata(issuer);
  const response = await fetch(jwks_uri);
  return (await response.arrayBuffer()).byteLength;
}

/** The whole benchmark: ours and oidc-provider side by side, the ceiling, sizes, cold starts. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const { profile, log } = options;
  const machine = describeMachine();
  const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-bench-run-"));
  const load = new LoadClient();
  const scenarios = SCENARIOS.filter((s) => !options.only || options.only.includes(s.id));
  try {
    const ceilingBuild = await buildCeiling(path.join(dir, "ceiling"));
    log("starting AuthPI Edge (Miniflare, direct sockets) and oidc-provider");
    const ours = await startOurs();
    const peer = await startPeer();
    const ceilingWorker = await startCeilingMiniflare(ceilingBuild);
    const reports: ScenarioReport[] = [];
    let jwksBytes: number | undefined;
    try {
      if (scenarios.some((s) => s.id === "jwks")) jwksBytes = await jwksSize(ours.issuer);
      for (const scenario of scenarios) {
        const { id, title, unit, bound } = scenario;
        const rounds: Round[] = [];
        for (let i = 1; i <= profile.rounds; i++) {
          const tag = profile.rounds > 1 ? ` (round ${i})` : "";
          const oursOutcome = await runScenario(scenario, ours, load, profile);
          log(`${id} ours${tag}: ${describe(oursOutcome)}`);
          const peerOutcome = await runScenario(scenario, peer, load, profile);
          log(`${id} peer${tag}: ${describe(peerOutcome)}`);
          const adjacent = await adjacentCeiling(id, ceilingWorker, load, profile, jwksBytes);
          if (adjacent) log(`${id} ceiling${tag}: ${describe(adjacent.ceiling)}`);
          rounds.push({ ours: oursOutcome, peer: peerOutcome, ...(adjacent ? { adjacent } : {}) });
        }
        const median = medianRound(rounds);
        reports.push({
          id,
          title,
          unit,
          bound,
          ours: median.ours,
          peer: median.peer,
          ...(median.adjacent ? { adjacent: median.adjacent } : {}),
          ...(rounds.length > 1 ? { rounds: rounds.map(roundRates) } : {}),
        });
      }
    } catch (error) {
      await ceilingWorker.stop();
      throw error;
    } finally {
      await peer.stop();
      await ours.stop();
    }

    let ceiling: Outcome;
    let runtimes: BenchResults["runtimes"];
    let stateful: BenchResults["statefulCeilings"];
    let document: BenchResults["documentCeiling"];
    try {
      ceiling = await measure(load, ceilingWorker.pid, ceilingScenario(ceilingWorker.url, profile));
      log(`ceiling (Miniflare): ${describe(ceiling)}`);
      stateful = {
        token: await measure(
          load,
          ceilingWorker.pid,
          statefulTokenScenario(ceilingWorker.url, profile),
        ),
        verify: await measure(
          load,
          ceilingWorker.pid,
          await statefulVerifyScenario(ceilingWorker.url, profile),
        ),
        hono: await measure(
          load,
          ceilingWorker.pid,
          honoCeilingScenario(ceilingWorker.url, profile),
        ),
      };
      log(`ceiling, DO call + two signatures: ${describe(stateful.token)}`);
      log(`ceiling, verification + DO read: ${describe(stateful.verify)}`);
      if (stateful.hono) log(`ceiling in a bare Hono app: ${describe(stateful.hono)}`);
      if (jwksBytes !== undefined) {
        const scenario = documentScenario(ceilingWorker.url, jwksBytes, profile);
        document = { bytes: jwksBytes, outcome: await measure(load, ceilingWorker.pid, scenario) };
        log(`ceiling, a ${jwksBytes}-byte document: ${describe(document.outcome)}`);
      }
      if (options.runtimeComparison) {
        const trivial = await measure(
          load,
          ceilingWorker.pid,
          trivialScenario(ceilingWorker.url, profile),
        );
        const plainWorker = await startCeilingPlain(ceilingBuild);
        try {
          runtimes = {
            miniflare: { trivial, sign: ceiling },
            plain: {
              trivial: await measure(
                load,
                plainWorker.pid,
                trivialScenario(plainWorker.url, profile),
              ),
              sign: await measure(load, plainWorker.pid, ceilingScenario(plainWorker.url, profile)),
            },
          };
          log(`ceiling (plain workerd): ${describe(runtimes.plain.sign)}`);
        } finally {
          await plainWorker.stop();
        }
      }
    } catch (error) {
      ceiling = failedOutcome(error);
    } finally {
      await ceilingWorker.stop();
    }

    let hashing: BenchResults["hashing"];
    if (options.hashing) {
      log("password hashing (Argon2id and PBKDF2, CPU per operation)");
      hashing = await measureHashing(path.join(dir, "hashing"), COMPATIBILITY_DATE);
      for (const h of hashing) log(`${h.id}: ${h.cpuMsPerOp.toFixed(1)} ms CPU over ${h.ops}`);
    }

    const measuredHere = reports.filter((r) => r.ours.status === "measured").map((r) => r.id);
    let ceilingIsolate: BenchResults["ceiling"]["isolate"];
    if (options.trace) {
      log("isolate-time pass (workerd --async-trace)");
      const times = await traceOurs(
        scenarios.filter((s) => measuredHere.includes(s.id)),
        load,
        dir,
      );
      for (const report of reports) report.isolate = times.get(report.id);
      ceilingIsolate = await traceCeiling(ceilingBuild, load, dir);
    }

    let coldStarts: BenchResults["coldStarts"];
    if (options.coldStartRuns > 0) {
      log(`cold starts (${options.coldStartRuns} runs each)`);
      const issuerPath = new URL(ours.issuer).pathname;
      coldStarts = await measureColdStarts(
        options.coldStartRuns,
        { stateDir: ours.stateDir, issuerPath },
        ceilingBuild,
      );
    }
    await ours.removeState();

    let bundles: BenchResults["bundles"];
    if (options.bundles) {
      log("bundle sizes (wrangler deploy --dry-run)");
      bundles = await bundleSizes(path.join(dir, "bundles"));
    }

    return {
      machine,
      profile,
      scenarios: reports,
      ceiling: { outcome: ceiling, ...(ceilingIsolate ? { isolate: ceilingIsolate } : {}) },
      ...(stateful ? { statefulCeilings: stateful } : {}),
      ...(document ? { documentCeiling: document } : {}),
      ...(runtimes ? { runtimes } : {}),
      ...(hashing ? { hashing } : {}),
      ...(bundles ? { bundles } : {}),
      ...(coldStarts ? { coldStarts } : {}),
      oursStartup: ours.system.timings,
      totalSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await load.close();
    await rm(dir, { recursive: true, force: true });
  }
}
