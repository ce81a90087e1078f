import { describe, expect, test } from "vitest";
import { ROUND_TRIP_COUNTS } from "../../workers/idp-api/test/round-trip-counts.ts";
import { renderMarkdown } from "../src/report/markdown.ts";
import { countsCell } from "../src/report/tables.ts";
import { SCENARIOS } from "../src/scenarios/catalogue.ts";
import { measured, resultsWith } from "./fixtures.ts";

describe("the counted round trips beside the timings (issue 16)", () => {
  test("the CPU table shows the pool test's counts for the scenario", () => {
    const markdown = renderMarkdown(
      resultsWith(measured(5000), measured(4000), measured(10000)),
      "chart.svg",
    );
    const lines = markdown.split("\n");
    const header = lines.find((line) => line.startsWith("| Scenario | ours: workerd process CPU"));
    expect(header).toContain(
      "| ours, counted per warm request: DO calls · D1 queries (statements) · signatures · verifications |",
    );
    const row = lines.find((line) => line.startsWith("| client_credentials |"));
    const cells = row?.split("|").map((cell) => cell.trim());
    expect(cells?.[6]).toBe("0 · 0 (0) · 1 · 0");
    expect(lines.find((line) => line.startsWith("| ceiling |"))).toMatch(/\| – \| – \| \| \|$/);
  });

  test("a cell reads DO · D1 (statements) · signatures · verifications", () => {
    expect(countsCell("refresh_token")).toBe("1 · 0 (0) · 2 · 0");
    expect(countsCell("password_login")).toBe("–");
  });

  test("every single-request scenario of the bench has counts", () => {
    const requests = SCENARIOS.filter((s) => s.unit === "request").map((s) => s.id);
    for (const id of requests) expect(ROUND_TRIP_COUNTS[id], id).toBeDefined();
  });

  test("counted paths with no timed scenario get their own table, and only they", () => {
    const markdown = renderMarkdown(
      resultsWith(measured(5000), measured(4000), measured(10000)),
      "chart.svg",
    );
    const timed = new Set(SCENARIOS.map((s) => s.id));
    const untimed = Object.keys(ROUND_TRIP_COUNTS).filter((id) => !timed.has(id));
    expect(untimed).toContain("userinfo_dpop");
    for (const id of untimed) expect(markdown).toContain(`| ${id} | ${countsCell(id)} |`);
    expect(markdown).not.toContain(`| client_credentials | ${countsCell("client_credentials")} |`);
  });
});
