// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are authpi.yaml ${VAR} references, not templates
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../exit-codes.ts";
import { configJsonSchema, parseConfig } from "./load-config.ts";

const minimal = {
  version: 1,
  issuers: {
    main: {
      name: "Main",
      clients: { web: { name: "Web", type: "web", settings: { redirect_uris: ["https://a/cb"] } } },
    },
  },
};

function issuesOf(document: unknown, env: Record<string, string> = {}) {
  try {
    parseConfig(document, env);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(EXIT.usage);
    return (error as CliError).message;
  }
  throw new Error("expected the document to be refused");
}

describe("authpi.yaml validation", () => {
  it("accepts a minimal file and fills the empty sections", () => {
    const config = parseConfig(minimal);
    expect(config.webhooks).toEqual({});
    expect(config.issuers.main?.clients?.web?.type).toBe("web");
  });

  it("refuses an unknown field, naming it and its path", () => {
    const message = issuesOf({ ...minimal, issuers: { main: { name: "Main", colour: "red" } } });
    expect(message).toContain("issuers.main");
    expect(message).toContain('"colour"');
  });

  it("refuses keys that are not stable names", () => {
    expect(issuesOf({ version: 1, issuers: { "Main Issuer": { name: "M" } } })).toContain(
      "issuers.Main Issuer",
    );
  });

  it("refuses a client type the Core API does not have, and a missing version", () => {
    const bad = {
      version: 1,
      issuers: { m: { name: "M", clients: { x: { name: "X", type: "desktop" } } } },
    };
    expect(issuesOf(bad)).toContain("issuers.m.clients.x.type");
    expect(issuesOf({ issuers: {} })).toContain("version");
  });

  it("keeps metadata.authpi_key for authpi itself", () => {
    const doc = { version: 1, issuers: { m: { name: "M", metadata: { authpi_key: "other" } } } };
    expect(issuesOf(doc)).toContain("authpi_key is set by authpi");
  });

  it("interpolates ${VAR} from the environment and lists every unset one", () => {
    const doc = {
      version: 1,
      webhooks: {
        audit: {
          name: "Audit",
          url: "${HOOK_URL}/x",
          auth: { type: "none" },
          description: "$${literal}",
        },
      },
    };
    const config = parseConfig(doc, { HOOK_URL: "https://hooks.example" });
    expect(config.webhooks.audit?.url).toBe("https://hooks.example/x");
    expect(config.webhooks.audit?.description).toBe("${literal}");
    const withMissing = { ...doc, issuers: { m: { name: "${A}-${B}" } } };
    expect(issuesOf(withMissing, { HOOK_URL: "x" })).toContain("A, B");
  });
});

describe("authpi.schema.json", () => {
  it("is the published JSON Schema of the zod schema (run `pnpm --filter @authpi/cli schema`)", () => {
    const published = JSON.parse(
      readFileSync(new URL("../../authpi.schema.json", import.meta.url), "utf8"),
    );
    expect(published).toEqual(configJsonSchema());
    expect(published.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(published.required).toContain("version");
  });
});

describe("the example authpi.yaml", () => {
  it("validates (docs/cli.md starts from it)", async () => {
    const { loadConfig } = await import("./load-config.ts");
    const file = new URL("../../examples/authpi.yaml", import.meta.url).pathname;
    const config = await loadConfig(file, { GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s" });
    expect(Object.keys(config.issuers.main?.clients ?? {})).toEqual(["web", "worker"]);
    expect(config.issuers.main?.auth_methods?.google?.settings?.client_secret).toBe("s");
  });
});
