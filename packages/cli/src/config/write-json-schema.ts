import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "./load-config.ts";

/** Regenerates the published `authpi.schema.json` (a unit test fails when it is stale). */
const target = fileURLToPath(new URL("../../authpi.schema.json", import.meta.url));
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
