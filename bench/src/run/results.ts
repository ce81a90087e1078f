import type { HashingCost } from "../hashing/measure-hashing.ts";
import type { IsolateTime } from "../isolate-time/parse-trace.ts";
import type { BundleSize } from "../measure/bundle-size.ts";
import type { ColdStarts } from "../measure/cold-start.ts";
import type { Machine } from "../measure/machine.ts";
import type { Profile } from "../profile.ts";
import type { Outcome, ScenarioReport } from "./outcome.ts";

/** Everything one `pnpm bench` run measured; the report is rendered from this alone. */
export interface BenchResults {
  machine: Machine;
  profile: Profile;
  scenarios: ScenarioReport[];
  ceiling: { outcome: Outcome; isolate?: IsolateTime };
  /**
   * The stateful token paths' minimum on workerd (`bench/src/ceiling/worker.ts`): `token` is one
   * Durable Object call (a single-use row spent, a session opened) and two ES256 signatures,
   * `verify` one ES256 verification and one Durable Object read; `hono` the client_credentials
   * ceiling inside a bare Hono app (one route), what the design's framework alone costs.
   */
  statefulCeilings?: { token: Outcome; verify: Outcome; hono?: Outcome };
  /** A GET answered with a document as long as our JWKS response, held in memory (JWKS's bound). */
  documentCeiling?: { bytes: number; outcome: Outcome };
  /** The same ceiling bundle behind Miniflare's direct socket and behind a plain capnp config. */
  runtimes?: {
    miniflare: { trivial: Outcome; sign: Outcome };
    plain: { trivial: Outcome; sign: Outcome };
  };
  /** CPU per password operation on workerd, Argon2id beside legacy PBKDF2. */
  hashing?: HashingCost[];
  bundles?: BundleSize[];
  coldStarts?: ColdStarts;
  /** How long ours took to bundle, migrate and start in the measured run. */
  oursStartup: { buildMs: number; migrateMs: number; runtimeReadyMs: number };
  totalSeconds: number;
}
