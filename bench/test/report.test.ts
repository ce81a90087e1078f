import { describe, expect, test } from "vitest";
import { EndpointUnavailable } from "../src/oauth/unavailable.ts";
import { renderChart } from "../src/report/chart.ts";
import { renderMarkdown } from "../src/report/markdown.ts";
import { checkTargets } from "../src/report/targets.ts";
import { failedOutcome } from "../src/run/run-scenario.ts";
import { measured, notFound, resultsWith } from "./fixtures.ts";

describe("an endpoint that is not built yet", () => {
  test("a 404 while preparing becomes 'not available yet' with its status", () => {
    const outcome = failedOutcome(
      new EndpointUnavailable("GET authorize", 404, "No such endpoint"),
    );
    expect(outcome).toMatchObject({
      status: "unavailable",
      httpStatus: 404,
      endpoint: "GET authorize",
    });
  });

  test("any other failure is reported as a failure, not as unavailable", () => {
    expect(failedOutcome(new Error("token endpoint answered HTTP 400"))).toMatchObject({
      status: "failed",
    });
  });

  test("the report shows no number, no ratio and an unmeasured target", () => {
    const results = resultsWith(notFound, measured(5000), measured(10000));
    const markdown = renderMarkdown(results, "chart.svg");
    const row = markdown
      .split("\n")
      .find((line) => line.startsWith("| client_credentials (POST /token)"));
    expect(row).toBe(
      "| client_credentials (POST /token) | not available yet (HTTP 404) | – | 5,000 | 1.50 / 4.25 | – | – |",
    );
    const cc = checkTargets(results).filter((t) => t.target.startsWith("client_credentials"));
    expect(cc.map((t) => t.status)).toEqual(["not measured", "not measured"]);
    expect(cc[0]?.detail).toContain("HTTP 404");
    expect(renderChart(results)).toContain("not available yet (HTTP 404)");
  });
});

describe("targets", () => {
  test("ratios against the ceiling and the peer decide met / not met", () => {
    const results = resultsWith(measured(6000), measured(4000), measured(10000));
    const [vsCeiling, vsPeer] = checkTargets(results);
    expect(vsCeiling).toMatchObject({ status: "not met", detail: "0.60× the ceiling" });
    expect(vsPeer).toMatchObject({ status: "met", detail: "1.50× oidc-provider" });
  });

  test("bundle size is checked against 1 MiB gzipped", () => {
    const results = resultsWith(notFound, measured(1), measured(1));
    expect(checkTargets(results).find((t) => t.target.includes("gzipped"))?.status).toBe("met");
    results.bundles = [{ worker: "authpi-idp-api", rawBytes: 5e6, gzipBytes: 1.5 * 2 ** 20 }];
    expect(checkTargets(results).find((t) => t.target.includes("gzipped"))?.status).toBe("not met");
  });

  test("a run with many failed requests is flagged beside its figure", () => {
    const flaky = measured(1000, { total: 5000, ok: 4000, errors: 1000 });
    const markdown = renderMarkdown(resultsWith(flaky, measured(1000), measured(1000)), "c.svg");
    expect(markdown).toContain("1,000 ⚠ 1000 errors");
  });
});
