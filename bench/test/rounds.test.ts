import { describe, expect, test } from "vitest";
import { renderMarkdown } from "../src/report/markdown.ts";
import { medianRound, type Round, roundRates } from "../src/run/rounds.ts";
import { measured, notFound, resultsWith } from "./fixtures.ts";

function round(ours: number, peer: number, ceiling?: number): Round {
  const base = { ours: measured(ours), peer: measured(peer) };
  return ceiling === undefined ? base : { ...base, adjacent: { ceiling: measured(ceiling) } };
}

describe("a scenario run in rounds", () => {
  test("keeps the round whose ours / peer ratio is the median, with that round's ceiling", () => {
    const rounds = [round(900, 1500, 1400), round(800, 2000, 1300), round(1000, 1450, 1500)];
    // Ratios 0.60, 0.40, 0.69: the median is the first round's, not the mean nor the best.
    expect(medianRound(rounds)).toBe(rounds[0]);
    expect(medianRound([rounds[1] as Round, rounds[2] as Round])).toBe(rounds[1]);
  });

  test("passes over a round that did not measure both sides, and keeps the first if none did", () => {
    const failed = { ours: notFound, peer: measured(1000) };
    const good = round(500, 1000);
    expect(medianRound([failed, good])).toBe(good);
    expect(medianRound([failed, failed])).toBe(failed);
    expect(roundRates(failed)).toEqual({ ours: undefined, peer: 1000, ceiling: undefined });
  });

  test("lists every round's ratios in BENCHMARKS.md, and the median round in the tables", () => {
    const rounds = [round(900, 1500, 1400), round(800, 2000, 1300), round(1000, 1450, 1500)];
    const median = medianRound(rounds);
    const results = resultsWith(median.ours, median.peer, measured(5000));
    const scenario = results.scenarios[0];
    if (!scenario) throw new Error("no scenario");
    scenario.rounds = rounds.map(roundRates);
    const markdown = renderMarkdown(results, "chart.svg");
    expect(markdown).toContain(
      "| client_credentials | 0.60× · 0.40× · 0.69× | 0.64× · 0.62× · 0.67× | 0.60× |",
    );
    expect(markdown).toContain("Each scenario ran 3 times");
    scenario.rounds = undefined;
    expect(renderMarkdown(results, "chart.svg")).not.toContain("Each scenario ran");
  });
});
