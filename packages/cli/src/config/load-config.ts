import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { z } from "zod";
import { usageError } from "../exit-codes.ts";
import { interpolate } from "./interpolate.ts";
import { AuthpiConfig } from "./schema.ts";

export interface ConfigIssue {
  path: string;
  message: string;
}

/** Validates a parsed document; every problem is listed with its path in the file. */
export function parseConfig(
  document: unknown,
  env: Record<string, string | undefined> = {},
): AuthpiConfig {
  const parsed = AuthpiConfig.safeParse(interpolate(document, env));
  if (parsed.success) return parsed.data;
  const issues: ConfigIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
  throw usageError(
    `authpi.yaml is not valid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`,
    { issues },
  );
}

/** Reads and validates `authpi.yaml` (YAML 1.2; JSON is YAML too). */
export async function loadConfig(
  file: string,
  env: Record<string, string | undefined>,
): Promise<AuthpiConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw usageError(`Cannot read ${file}`);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw usageError(`${file}: ${document.errors.map((e) => e.message).join("\n")}`);
  }
  return parseConfig(document.toJS(), env);
}

/** The JSON Schema of `authpi.yaml`, as published in `authpi.schema.json`. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AuthpiConfig, { io: "input", target: "draft-2020-12" });
}
