import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  createProgram,
  findUnboundedStatements,
  productionFiles,
  REPO,
} from "./support/bound-parameters-lint.ts";

/** Lives in the domain package (in memory only) so its imports resolve as real code's do. */
const FIXTURE = path.join(REPO, "packages/domain/src/db/lint-fixture.ts");
const FIXTURE_SOURCE = `
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { inList, insertRows, runBatch } from "./bound-parameters.ts";
import type { Db } from "./client.ts";
import { events, users } from "./schema.ts";

type Row = typeof events.$inferInsert;

export async function bad(db: Db, rows: Row[], ids: string[], one: Row, d1: D1Database) {
  await db.insert(events).values(rows);
  await db.insert(events).values([one, one]);
  await db.select().from(users).where(inArray(users.id, ids));
  await db.select().from(users).where(sql\`\${users.id} in \${ids}\`);
  await d1.prepare("select 1").bind(...ids).all();
  await db.select().from(users).where(or(...ids.map((id) => eq(users.id, id))));
}

export async function good(db: Db, rows: Row[], ids: string[], one: Row) {
  await db.insert(events).values(one);
  await runBatch(db, insertRows(db, events, rows));
  await db.select().from(users).where(inList(users.id, ids));
  await db.select().from(users).where(and(inArray(users.status, ["active", "suspended"]), eq(users.id, "x")));
  await db.select().from(users).where(sql\`\${users.id} = \${ids[0]}\`);
}
`;

describe("D1's 100 bound parameters (static check)", () => {
  it("finds every kind of statement that grows with the data, and nothing else", () => {
    const program = createProgram([], { [FIXTURE]: FIXTURE_SOURCE });
    const findings = findUnboundedStatements(program, [FIXTURE]);
    expect(findings.map((f) => [f.line, f.rule.split(":")[0]])).toEqual([
      [10, "multi-row insert"],
      [11, "multi-row insert"],
      [12, "IN list from data"],
      [13, "array in sql``"],
      [14, "spread bindings"],
      [15, "spread conditions"],
    ]);
  });

  it("finds none in the domain package and the workers: multi-row writes go through insertRows", () => {
    const files = productionFiles();
    expect(files.length).toBeGreaterThan(100);
    const findings = findUnboundedStatements(createProgram(files), files);
    expect(findings).toEqual([]);
  });
});
