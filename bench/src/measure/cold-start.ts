import { startLocalSystem } from "@authpi/local-system/system";
import { type CeilingBuild, startCeilingMiniflare } from "../ceiling/start-ceiling.ts";
import { discoveryUrl } from "../oauth/metadata.ts";
import { startPeer } from "../peer/start-peer.ts";
import { waitReady } from "../runtimes/wait-ready.ts";

export interface ColdStarts {
  ours: number[];
  peer: number[];
  ceiling: number[];
}

/**
 * Runtime start to first successful response, `runs` times each. Ours: `new Miniflare` (workerd
 * spawned, three workers compiled) to the first 200 from discovery of the seeded issuer, which
 * also opens D1; bundling and migrations come before and are not counted. The peer: spawning
 * Node to its first discovery 200. The ceiling: `new Miniflare` to its first 200.
 */
export async function measureColdStarts(
  runs: number,
  ours: { stateDir: string; issuerPath: string },
  ceiling: CeilingBuild,
): Promise<ColdStarts> {
  const result: ColdStarts = { ours: [], peer: [], ceiling: [] };
  for (let run = 0; run < runs; run++) {
    const system = await startLocalSystem({ persistDir: ours.stateDir, logLevel: "none" });
    await waitReady(discoveryUrl(`${system.idpUrl}${ours.issuerPath}`), { expect: 200 });
    result.ours.push(performance.now() - system.runtimeStartedAt);
    await system.stop();
    const peer = await startPeer();
    result.peer.push(peer.coldStartMs);
    await peer.stop();
    const worker = await startCeilingMiniflare(ceiling);
    result.ceiling.push(worker.coldStartMs);
    await worker.stop();
  }
  return result;
}
