import { inject } from "vitest";
import type { SystemEndpoints } from "./system.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sharedSystem: SystemEndpoints;
  }
}

/**
 * The seeded system every file of the `system` project shares (started once by
 * `shared-system-setup.ts`). A file that uses it works in resources of its own, or puts back
 * what it changes; a file that needs other vars or an empty account starts its own system.
 */
export function sharedSystem(): SystemEndpoints {
  return inject("sharedSystem");
}
