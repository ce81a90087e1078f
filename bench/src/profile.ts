/** How hard and how long each run drives its target. */
export interface Profile {
  name: "full" | "smoke" | "trace";
  /** Concurrent connections for HTTP scenarios. */
  connections: number;
  durationS: number;
  warmupS: number;
  /** Codes minted ahead for one code-exchange run (codes live 60 s, so they are minted just before). */
  codes: number;
  /** Virtual users in the password-login scenario. */
  flowConcurrency: number;
  /**
   * How often each scenario runs, ours then the peer then its ceiling; the report keeps the round
   * with the median ours / peer ratio (run/rounds.ts, docs/decisions/benchmarks.md).
   */
  rounds: number;
}

export const FULL: Profile = {
  name: "full",
  connections: 32,
  durationS: 5,
  warmupS: 1,
  codes: 4000,
  flowConcurrency: 8,
  rounds: 3,
};

/** For CI: proves the harness runs end to end, measures nothing worth reading. */
export const SMOKE: Profile = {
  name: "smoke",
  connections: 4,
  durationS: 1,
  warmupS: 0,
  codes: 100,
  flowConcurrency: 2,
  rounds: 1,
};

/** The isolate-time pass under workerd's async trace: few requests, little concurrency. */
export const TRACE: Profile = {
  name: "trace",
  connections: 4,
  durationS: 2,
  warmupS: 0.5,
  codes: 400,
  flowConcurrency: 2,
  rounds: 1,
};
