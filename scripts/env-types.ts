// `pnpm run types`: regenerates each worker's `worker-configuration.d.ts` from its wrangler.toml.
import { generateEnvTypes, typesPath, WORKER_DIRS } from "./lib/env-types.ts";

for (const dir of WORKER_DIRS) {
  generateEnvTypes(dir);
  console.log(`wrote ${typesPath(dir)}`);
}
