import type { IsolateTime } from "../isolate-time/parse-trace.ts";
import type { LoadResult } from "../load/load-job.ts";

export type Outcome =
  | {
      status: "measured";
      result: LoadResult;
      /** CPU seconds of the target's whole process (all threads) per unit, in ms. */
      processCpuMs: number;
      /** Cores the target process kept busy on average during the run. */
      processCores: number;
      /** Cores the load generator itself used meanwhile (it shares the machine). */
      loadCores?: number;
    }
  | { status: "unavailable"; endpoint: string; httpStatus: number; detail: string }
  | { status: "failed"; error: string };

export interface ScenarioReport {
  id: string;
  title: string;
  unit: "request" | "login";
  bound: string;
  ours: Outcome;
  peer: Outcome;
  /**
   * The bare worker doing the scenario's minimum (`bench/src/ceiling/worker.ts`), measured right
   * after ours and the peer; `hono` is client_credentials' same minimum inside a bare Hono app.
   */
  adjacent?: { ceiling: Outcome; hono?: Outcome };
  /**
   * Every round's rates when the scenario ran more than once (run/rounds.ts); `ours`, `peer` and
   * `adjacent` above are the median round's.
   */
  rounds?: { ours?: number; peer?: number; ceiling?: number }[];
  /** From the traced pass (ours only): isolate time per request. */
  isolate?: IsolateTime;
}
