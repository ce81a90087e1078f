import { workerFetch } from "@authpi/testkit/worker-fetch";

export type Schema = Record<string, unknown>;
export interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export async function openApiDoc(): Promise<OpenApiDoc> {
  return (await (await workerFetch("/openapi.json")).json()) as OpenApiDoc;
}

/** Every documented operation, e.g. `{ method: "GET", path: "/v1/accounts/{account_id}" }`. */
export function operationsOf(doc: OpenApiDoc) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
    })),
  );
}

/** A concrete path: the account's id, and `x_unknown` (or `ids[name]`) for other parameters. */
export function fillPath(path: string, accountId: string, ids: Record<string, string> = {}) {
  return path
    .replace("{account_id}", accountId)
    .replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? "x_unknown");
}
