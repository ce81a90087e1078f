import { checkHealth, pingDatabase } from "@authpi/domain/health";
import type { Env } from "./env.ts";

/** Liveness for monitors: D1 answers (the dispatcher binds no Durable Object). */
export async function healthz(env: Env): Promise<Response> {
  const report = await checkHealth({ d1: () => pingDatabase(env.DB) });
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
