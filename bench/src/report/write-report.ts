import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BenchResults } from "../run/results.ts";
import { renderChart } from "./chart.ts";
import { renderMarkdown } from "./markdown.ts";

export interface ReportFiles {
  markdown: string;
  chart: string;
  json?: string;
}

/** Writes the report, its chart (linked relative to the report) and the raw results. */
export async function writeReport(results: BenchResults, files: ReportFiles): Promise<void> {
  for (const file of Object.values(files)) await mkdir(path.dirname(file), { recursive: true });
  const chartLink = path
    .relative(path.dirname(files.markdown), files.chart)
    .split(path.sep)
    .join("/");
  await writeFile(files.chart, renderChart(results));
  await writeFile(files.markdown, renderMarkdown(results, chartLink));
  if (files.json) await writeFile(files.json, `${JSON.stringify(results, null, 2)}\n`);
}
