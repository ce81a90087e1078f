import { checkHealth, HEALTH_PROBE_OBJECT, pingDatabase } from "@authpi/domain/health";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { issuerStore } from "../store.ts";

/** Liveness for monitors and the deploy: D1 answers and the IssuerStore object answers. */
export const healthz = new Hono<AppEnv>().get("/healthz", async (c) => {
  const report = await checkHealth({
    d1: () => pingDatabase(c.env.DB),
    issuer_store: () => issuerStore(c.env, HEALTH_PROBE_OBJECT).loginLocks([], c.get("now")),
  });
  c.header("Cache-Control", "no-store");
  return c.json(report, report.status === "ok" ? 200 : 503);
});
