import { createRequire } from "node:module";

interface WorkerdPackage {
  default: string;
  version: string;
}

/** The workerd binary Miniflare itself runs, so both ways of serving use the same build. */
export function workerdBinary(): WorkerdPackage {
  const miniflare = createRequire(import.meta.url).resolve("miniflare");
  return createRequire(miniflare)("workerd") as WorkerdPackage;
}
