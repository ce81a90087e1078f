import { describe, expect, test } from "vitest";
import { renderMarkdown } from "../src/report/markdown.ts";
import { checkScaleTargets } from "../src/report/scale-targets.ts";
import type { Outcome } from "../src/run/outcome.ts";
import type { BenchResults } from "../src/run/results.ts";
import { measured, resultsWith } from "./fixtures.ts";

/** A run with a code exchange (ours against the peer) and the stateful ceilings as given. */
function withCodeExchange(ours: Outcome, peer: Outcome, token: Outcome): BenchResults {
  const results = resultsWith(measured(4000), measured(4000), measured(5000));
  results.scenarios.push({
    id: "authorization_code",
    title: "Authorization-code exchange",
    unit: "request",
    bound: "one DO call",
    ours,
    peer,
  });
  results.statefulCeilings = { token, verify: measured(3000) };
  return results;
}

const codeTarget = (results: BenchResults) =>
  checkScaleTargets(results).find((t) => t.target.startsWith("code exchange ≥"));

describe("issue 16 targets", () => {
  test("a target the bare worker itself cannot reach against the peer is out of reach here", () => {
    const results = withCodeExchange(measured(600), measured(2000), measured(1000));
    expect(codeTarget(results)).toMatchObject({
      status: "out of reach here",
      detail: "0.30× oidc-provider",
    });
    expect(codeTarget(results)?.bound).toContain("reaches 0.50× oidc-provider");
    expect(codeTarget(results)?.bound).toContain("ours is 0.60× that bare worker");
  });

  test("a bound above the goal leaves the target merely not met", () => {
    const results = withCodeExchange(measured(600), measured(2000), measured(1600));
    expect(codeTarget(results)?.status).toBe("not met");
  });

  test("reaching the goal is met, whatever the bound", () => {
    const results = withCodeExchange(measured(1300), measured(2000), measured(1000));
    expect(codeTarget(results)?.status).toBe("met");
  });

  test("the report shows the stateful ceilings and the targets table", () => {
    const markdown = renderMarkdown(
      withCodeExchange(measured(600), measured(2000), measured(1000)),
      "c.svg",
    );
    expect(markdown).toContain("## Targets (issue 16: the stateful paths)");
    expect(markdown).toMatch(/\| code exchange ≥ 0\.6× oidc-provider \| ⛔ out of reach/);
    expect(markdown).toContain("| Ceiling: bare worker, parse + one DO call");
    const row = markdown.split("\n").find((l) => l.startsWith("| Authorization-code exchange |"));
    expect(row?.endsWith("| 0.30× | 0.60× |")).toBe(true);
  });

  test("JWKS is bounded by a document as long as ours when the run measured one", () => {
    const results = resultsWith(measured(4000), measured(4000), measured(5000));
    results.scenarios.push({
      id: "jwks",
      title: "JWKS",
      unit: "request",
      bound: "cached",
      ours: measured(8000),
      peer: measured(10000),
    });
    results.runtimes = {
      miniflare: { trivial: measured(13000), sign: measured(5000) },
      plain: { trivial: measured(13000), sign: measured(5000) },
    };
    const jwksTarget = () => checkScaleTargets(results).find((t) => t.target.startsWith("JWKS"));
    expect(jwksTarget()?.bound).toContain("a GET answered with no work");
    results.documentCeiling = { bytes: 4321, outcome: measured(9000) };
    expect(jwksTarget()).toMatchObject({
      status: "out of reach here",
      detail: "0.80× oidc-provider",
    });
    expect(jwksTarget()?.bound).toContain("4,321-byte JSON document");
    expect(jwksTarget()?.bound).toContain("ours is 0.89× that bare worker");
    expect(renderMarkdown(results, "c.svg")).toContain(
      "| Ceiling: bare worker, a GET answered with a 4,321-byte JSON document",
    );
  });

  test("ours / ceiling is taken against the minimum measured right after the scenario", () => {
    const results = withCodeExchange(measured(600), measured(2000), measured(1000));
    const exchange = results.scenarios.find((s) => s.id === "authorization_code");
    if (!exchange) throw new Error("no code exchange in the fixture");
    exchange.adjacent = { ceiling: measured(800) };
    expect(codeTarget(results)?.bound).toContain("reaches 0.40× oidc-provider");
    expect(codeTarget(results)?.bound).toContain("ours is 0.75× that bare worker");
    // A failed adjacent measurement falls back to the run's own ceiling.
    exchange.adjacent = { ceiling: { status: "failed", error: "boom" } };
    expect(codeTarget(results)?.bound).toContain("ours is 0.60× that bare worker");
  });
});
