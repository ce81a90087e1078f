// The relative imports between a package's source files, read as text: enough to see layers and
// circles without running the code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type ImportGraph = Map<string, string[]>;

const IMPORT = /(?:import|export)\s[^"';]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** File (relative to `root`) -> the files it imports by relative path. */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? "";
      if (!spec.startsWith(".")) continue;
      targets.push(path.relative(root, path.resolve(path.dirname(file), spec)));
    }
    graph.set(path.relative(root, file), targets);
  }
  return graph;
}

/** Every circle of imports, each as the files along it (first file repeated at the end). */
export function findCircles(graph: ImportGraph): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") circles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return circles;
}

/** Imports from a file under `from/` to a file outside the folders it may use. */
export function layerBreaches(graph: ImportGraph, from: string, allowed: string[]): string[] {
  const breaches: string[] = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith(`${from}/`)) continue;
    for (const target of targets) {
      if (!allowed.some((folder) => target.startsWith(`${folder}/`))) {
        breaches.push(`${file} -> ${target}`);
      }
    }
  }
  return breaches;
}
