import { env } from "cloudflare:workers";
import { issuers, users } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { openApiDoc, operationsOf, type Schema } from "./support/openapi-doc.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
type ErrorBody = { error: string; fields: { field: string; code: string; message: string }[] };

/** Free-form maps by design (docs/decisions/input-limits.md): any keys, bounded. */
const FREE_FORM = new Set(["metadata", "custom_fields", "custom_claims", "branding"]);
const FREE_FORM_PATHS = new Set(["settings.security"]);

/** Every place in a schema that accepts keys it does not name, outside the free-form maps. */
function looseObjects(doc: { components: { schemas: Record<string, Schema> } }, root: Schema) {
  const found: string[] = [];
  const seen = new Set<Schema>();
  const walk = (schema: Schema | undefined, path: string[]) => {
    if (!schema || typeof schema !== "object" || seen.has(schema)) return;
    seen.add(schema);
    const ref = schema.$ref as string | undefined;
    if (ref) return walk(doc.components.schemas[ref.split("/").pop() as string], path);
    for (const key of ["anyOf", "oneOf", "allOf"]) {
      for (const part of (schema[key] as Schema[] | undefined) ?? []) walk(part, path);
    }
    if (schema.items) walk(schema.items as Schema, [...path, "[]"]);
    const isObject = schema.type === "object" || schema.properties !== undefined;
    if (!isObject) return;
    const name = path.at(-1) ?? "";
    const freeForm = FREE_FORM.has(name) || FREE_FORM_PATHS.has(path.join("."));
    if (schema.additionalProperties !== false && !freeForm) found.push(path.join(".") || "(body)");
    for (const [key, child] of Object.entries((schema.properties as Record<string, Schema>) ?? {}))
      walk(child, [...path, key]);
  };
  walk(root, []);
  return found;
}

describe("unknown body fields", () => {
  it("no request body in /openapi.json allows keys it does not name, outside free-form maps", async () => {
    const doc = await openApiDoc();
    const loose = operationsOf(doc).flatMap(({ method, path, operation }) => {
      const schema = operation.requestBody?.content["application/json"]?.schema;
      return schema ? looseObjects(doc, schema).map((where) => `${method} ${path}: ${where}`) : [];
    });
    expect(loose).toEqual([]);
    const bodies = operationsOf(doc).filter((o) => o.operation.requestBody).length;
    expect(bodies).toBeGreaterThan(20);
  });

  it("PATCH issuer refuses an unknown settings key at any depth, and keeps the settings", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    for (const [settings, field] of [
      [{ bogus: 1 }, "settings.bogus"],
      [{ access: { sessions: { max_age: 3600, bogus: 1 } } }, "settings.access.sessions.bogus"],
    ] as const) {
      const r = await apiCall("PATCH", path, s.basicAuth, { settings });
      expect(r.status).toBe(422);
      const body = (await r.json()) as ErrorBody;
      expect(body.fields).toEqual([{ field, code: "unknown_field", message: "unknown field" }]);
    }
    const [row] = await drizzle(DB).select().from(issuers).where(eq(issuers.id, s.issuer.id));
    expect(JSON.stringify(row?.settings)).not.toContain("bogus");
    expect(row?.updatedAt).toBeNull();
  });

  it("POST user refuses an unknown top-level field and creates nobody", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`;
    const r = await apiCall("POST", path, s.basicAuth, {
      username: "c@example.com",
      colour: "red",
    });
    expect(r.status).toBe(422);
    expect(((await r.json()) as ErrorBody).fields).toContainEqual(
      expect.objectContaining({ field: "colour", code: "unknown_field" }),
    );
    const rows = await drizzle(DB).select().from(users).where(eq(users.username, "c@example.com"));
    expect(rows).toEqual([]);
  });

  it("free-form maps keep any keys", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`;
    const r = await apiCall("POST", path, s.basicAuth, {
      username: "m@example.com",
      metadata: { colour: "red", nested: { any: ["thing"] } },
      custom_fields: { plan: "pro" },
    });
    expect(r.status).toBe(201);
  });

  it("an issuer whose stored settings hold a key no longer known can still be patched", async () => {
    const s = await seedIssuer(DB);
    await drizzle(DB)
      .update(issuers)
      .set({ settings: { legacy: true, access: { mode: "open" } } as never })
      .where(eq(issuers.id, s.issuer.id));
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const r = await apiCall("PATCH", path, s.basicAuth, { settings: { branding: { c: "1" } } });
    expect(r.status).toBe(200);
    const { data } = (await r.json()) as { data: { settings: Record<string, unknown> } };
    expect(data.settings).toMatchObject({ access: { mode: "open" }, branding: { c: "1" } });
    expect(data.settings).not.toHaveProperty("legacy");
  });
});
