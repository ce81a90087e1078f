import type { Outcome } from "../run/outcome.ts";

export function rate(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
}

export function ms(value: number, digits = 2): string {
  return value.toFixed(digits);
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Share of failed requests above which a figure is flagged rather than trusted. */
export const ERROR_TOLERANCE = 0.01;

export function errorRate(outcome: Outcome): number {
  if (outcome.status !== "measured" || outcome.result.total === 0) return 0;
  return outcome.result.errors / outcome.result.total;
}

/** "req/s" cell: the figure, or why there is none. */
export function rateCell(outcome: Outcome): string {
  if (outcome.status === "unavailable") {
    return `not available yet (HTTP ${outcome.httpStatus})`;
  }
  if (outcome.status === "failed") return "failed (see notes)";
  const flag = errorRate(outcome) > ERROR_TOLERANCE ? ` ⚠ ${outcome.result.errors} errors` : "";
  return `${rate(outcome.result.perSecond)}${flag}`;
}

export function latencyCell(outcome: Outcome): string {
  if (outcome.status !== "measured") return "–";
  return `${ms(outcome.result.p50Ms)} / ${ms(outcome.result.p99Ms)}`;
}

export function cpuCell(outcome: Outcome): string {
  if (outcome.status !== "measured") return "–";
  return ms(outcome.processCpuMs, 3);
}

/** ours / other, when both were measured. */
export function ratio(ours: Outcome, other: Outcome): number | undefined {
  if (ours.status !== "measured" || other.status !== "measured") return undefined;
  if (other.result.perSecond === 0) return undefined;
  return ours.result.perSecond / other.result.perSecond;
}

export function ratioCell(value: number | undefined): string {
  return value === undefined ? "–" : `${value.toFixed(2)}×`;
}

export function coresCell(outcome: Outcome): string {
  return outcome.status === "measured" ? outcome.processCores.toFixed(2) : "–";
}
