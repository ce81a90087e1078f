import { ratio } from "../report/format.ts";
import type { Outcome, ScenarioReport } from "./outcome.ts";

/** One run of a scenario: ours, then the peer, then its ceiling, back to back. */
export interface Round {
  ours: Outcome;
  peer: Outcome;
  adjacent?: ScenarioReport["adjacent"];
}

function perSecond(outcome: Outcome | undefined): number | undefined {
  return outcome?.status === "measured" ? outcome.result.perSecond : undefined;
}

/** What the report lists of each round: the three rates (undefined where a run failed). */
export function roundRates(round: Round): NonNullable<ScenarioReport["rounds"]>[number] {
  return {
    ours: perSecond(round.ours),
    peer: perSecond(round.peer),
    ceiling: perSecond(round.adjacent?.ceiling),
  };
}

/**
 * The round whose ours / peer ratio is the median (the lower of the middle two for an even
 * count). On a shared host a single round's ratio moved by a fifth from run to run; the median of
 * three drops one slow and one fast round. Rounds that did not measure both sides are passed over;
 * if none did, the first round stands.
 */
export function medianRound(rounds: Round[]): Round {
  const first = rounds[0];
  if (!first) throw new Error("no rounds");
  const ranked = rounds
    .flatMap((round) => {
      const value = ratio(round.ours, round.peer);
      return value === undefined ? [] : [{ round, value }];
    })
    .sort((a, b) => a.value - b.value);
  if (ranked.length === 0) return first;
  return (ranked[Math.floor((ranked.length - 1) / 2)] as { round: Round }).round;
}
