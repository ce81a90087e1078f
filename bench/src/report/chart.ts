import type { Outcome } from "../run/outcome.ts";
import type { BenchResults } from "../run/results.ts";
import { rate } from "./format.ts";

const LABEL_WIDTH = 210;
const PLOT_WIDTH = 520;
const WIDTH = LABEL_WIDTH + PLOT_WIDTH + 150;
const BAR = 13;
const TOP = 64;
const SERIES = [
  { key: "ours", label: "AuthPI Edge (workerd)", color: "#2563eb" },
  { key: "peer", label: "oidc-provider (Node)", color: "#ea580c" },
  { key: "ceiling", label: "ceiling: parse + one ES256 JWT", color: "#6b7280" },
] as const;

type Bar = { series: (typeof SERIES)[number]; outcome: Outcome };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function rows(results: BenchResults): { label: string; bars: Bar[] }[] {
  const [ours, peer, ceiling] = SERIES;
  return [
    ...results.scenarios.map((s) => ({
      label: s.unit === "login" ? `${s.id} (logins/s)` : s.id,
      bars: [
        { series: ours, outcome: s.ours },
        { series: peer, outcome: s.peer },
      ],
    })),
    { label: "ceiling", bars: [{ series: ceiling, outcome: results.ceiling.outcome }] },
  ];
}

/**
 * A horizontal bar chart of throughput on a log scale (a login is ~100× a JWKS request), written
 * as plain SVG so the report needs no charting service.
 */
export function renderChart(results: BenchResults): string {
  const data = rows(results);
  const values = data.flatMap((row) =>
    row.bars.flatMap((bar) =>
      bar.outcome.status === "measured" ? [bar.outcome.result.perSecond] : [],
    ),
  );
  const low = 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...values, 10))));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values, 100)));
  const x = (v: number) =>
    LABEL_WIDTH +
    (PLOT_WIDTH * (Math.log10(Math.max(v, low)) - Math.log10(low))) /
      (Math.log10(high) - Math.log10(low));
  const parts: string[] = [];
  let y = TOP;
  for (const row of data) {
    const height = row.bars.length * (BAR + 3) + 12;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + height / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(row.label)}</text>`,
    );
    row.bars.forEach((bar, i) => {
      const top = y + i * (BAR + 3);
      if (bar.outcome.status === "measured") {
        const end = x(bar.outcome.result.perSecond);
        parts.push(
          `<rect x="${LABEL_WIDTH}" y="${top}" width="${(end - LABEL_WIDTH).toFixed(1)}" height="${BAR}" fill="${bar.series.color}"/>`,
        );
        parts.push(
          `<text x="${(end + 4).toFixed(1)}" y="${top + BAR - 2}" class="v">${rate(bar.outcome.result.perSecond)}/s</text>`,
        );
      } else {
        const why =
          bar.outcome.status === "unavailable"
            ? `not available yet (HTTP ${bar.outcome.httpStatus})`
            : "failed";
        parts.push(
          `<text x="${LABEL_WIDTH + 4}" y="${top + BAR - 2}" class="na" fill="${bar.series.color}">${escapeHtml(why)}</text>`,
        );
      }
    });
    y += height;
  }
  const ticks: string[] = [];
  for (let v = low; v <= high; v *= 10) {
    ticks.push(`<line x1="${x(v)}" y1="${TOP - 6}" x2="${x(v)}" y2="${y}" stroke="#e5e7eb"/>`);
    ticks.push(
      `<text x="${x(v)}" y="${y + 16}" text-anchor="middle" class="v">${v.toLocaleString("en-US")}</text>`,
    );
  }
  const legend = SERIES.map(
    (s, i) =>
      `<rect x="${LABEL_WIDTH + i * 235}" y="30" width="12" height="12" fill="${s.color}"/><text x="${LABEL_WIDTH + i * 235 + 16}" y="40" class="v">${escapeHtml(s.label)}</text>`,
  );
  const height = y + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">
<title>Throughput per scenario: AuthPI Edge, oidc-provider and the ceiling</title>
<style>.v{font-size:11px;fill:#111827}.na{font-size:11px;font-style:italic}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="${LABEL_WIDTH}" y="18" font-size="14" font-weight="600">Throughput per scenario (successful requests or logins per second, log scale)</text>
${legend.join("\n")}
${ticks.join("\n")}
${parts.join("\n")}
</svg>
`;
}
