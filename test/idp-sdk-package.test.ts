// The TypeScript SDK as a user gets it: packed into a tarball, installed into a scratch project
// from that tarball (its one dependency from the registry), then run on Node and on workerd
// against the running workers.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const SDK = path.resolve(import.meta.dirname, "../packages/idp-sdk");

/** The check both runtimes run: machine tokens, then verification of one as a resource server. */
const CHECK = `
import { IdpClient, hasAccess } from "@authpi/idp";
export async function check(config) {
  const idp = new IdpClient(config);
  const agent = await idp.clientCredentials({ scopes: ["api:read"] });
  const claims = await idp.verifyAccessToken(agent.tokens.access_token, { audience: config.clientId });
  return { sub: claims.sub, scope: claims.scope, hasAccess: typeof hasAccess };
}
`;

let system: SystemEndpoints;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "authpi-sdk-package-"));
  const packed = path.join(scratch, "packed");
  execFileSync("npx", ["-y", "pnpm@12", "pack", "--pack-destination", packed], {
    cwd: SDK,
    stdio: "pipe",
  });
  const [tarball] = await readdir(packed);
  if (!tarball) throw new Error("pnpm pack wrote no tarball");
  await writeFile(
    path.join(scratch, "package.json"),
    JSON.stringify({
      name: "scratch",
      private: true,
      type: "module",
      dependencies: { "@authpi/idp": `file:${path.join(packed, tarball)}` },
    }),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: scratch,
    stdio: "pipe",
  });
  await writeFile(path.join(scratch, "check.mjs"), CHECK);
  system = sharedSystem();
}, 240_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function config() {
  const m2m = system.seed.clients.m2m;
  return {
    issuerUrl: `${system.idpUrl}/${system.seed.issuer_id}`,
    clientId: m2m.client_id,
    clientSecret: m2m.client_secret as string,
  };
}

describe("the packed @authpi/idp", () => {
  it("ships only its build, types, README and LICENSE, and no workspace references", async () => {
    const manifest = JSON.parse(
      execFileSync("cat", [path.join(scratch, "node_modules/@authpi/idp/package.json")], {
        encoding: "utf8",
      }),
    );
    expect(manifest.exports["."]).toEqual({
      types: "./dist/index.d.ts",
      default: "./dist/index.js",
    });
    expect(manifest.license).toBe("MIT");
    expect(manifest.repository.directory).toBe("packages/idp-sdk");
    expect(JSON.stringify(manifest)).not.toMatch(/catalog:|workspace:/);
    const files = await readdir(path.join(scratch, "node_modules/@authpi/idp"));
    expect(files.sort()).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
  });

  it("runs on Node from the installed tarball", async () => {
    const script = `import { check } from "./check.mjs";
      console.log(JSON.stringify(await check(${JSON.stringify(config())})));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: scratch,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      sub: config().clientId,
      scope: "api:read",
      hasAccess: "function",
    });
  });

  it("runs on workerd, bundled from the installed tarball", async () => {
    await writeFile(
      path.join(scratch, "worker.mjs"),
      `import { check } from "./check.mjs";
       export default { async fetch(request, env) {
         return Response.json(await check(JSON.parse(env.CONFIG)));
       } };`,
    );
    const bundle = await build({
      absWorkingDir: scratch,
      entryPoints: ["worker.mjs"],
      bundle: true,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      write: false,
    });
    const mf = new Miniflare(
      convertV4MiniflareOptions({
        modules: true,
        script: bundle.outputFiles[0]?.text ?? "",
        compatibilityDate: "2026-08-01",
        bindings: { CONFIG: JSON.stringify(config()) },
      }),
    );
    try {
      const response = await mf.dispatchFetch("http://sdk.test/");
      expect(await response.json()).toEqual({
        sub: config().clientId,
        scope: "api:read",
        hasAccess: "function",
      });
    } finally {
      await mf.dispose();
    }
  });
});
