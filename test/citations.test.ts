import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..");
const ROOTS = ["workers", "packages", "scripts", "bench", "test", "examples", "docs"];
const SKIP = new Set(["node_modules", ".wrangler", "dist", ".venv", "__pycache__"]);
const SOURCE = /\.(ts|py|md|toml|jsonc?)$/;

/** A citation a reader of this repository cannot follow: a document that is not in it. */
const OUTSIDE =
  /shared\/spec|shared\/[a-z-]+\.md|\bspec (?:idp-api|core-api|behaviour)|\bspec §|(?<!decisions\/)\bdecisions\.md|(?<![\w/-])(?:behaviour|conventions|toolchain)\.md/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

export function outsideCitations(text: string): number[] {
  return text.split("\n").flatMap((line, index) => (OUTSIDE.test(line) ? [index + 1] : []));
}

describe("citations", () => {
  it("cite RFCs or records under docs/, never documents outside the repository", () => {
    const self = path.join(REPO, "test/citations.test.ts");
    const found = ROOTS.flatMap((root) => files(path.join(REPO, root)))
      .filter((file) => file !== self)
      .flatMap((file) =>
        outsideCitations(readFileSync(file, "utf8")).map(
          (line) => `${path.relative(REPO, file)}:${line}`,
        ),
      );
    expect(found).toEqual([]);
  });

  it("tells the two kinds apart", () => {
    expect(outsideCitations("/** 60 seconds (decisions.md). */")).toEqual([1]);
    expect(outsideCitations("// see spec idp-api.md §2.4")).toEqual([1]);
    expect(outsideCitations("x\n(docs/decisions/wire-contract.md §4) and RFC 6749 §5.2")).toEqual(
      [],
    );
  });
});
