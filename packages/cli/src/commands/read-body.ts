import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { usageError } from "../exit-codes.ts";

export interface BodyOptions {
  data?: string;
  file?: string;
  name?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A request body from `--data '<json>'` or `--file body.yaml` (`-` is stdin), plus `--name`. */
export async function readBody(options: BodyOptions): Promise<Record<string, unknown>> {
  let body: unknown = {};
  if (options.data && options.file) throw usageError("Give --data or --file, not both");
  try {
    if (options.data) body = JSON.parse(options.data);
    if (options.file) {
      body = parse(options.file === "-" ? await readStdin() : await readFile(options.file, "utf8"));
    }
  } catch (error) {
    throw usageError(`The request body is not valid: ${(error as Error).message}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw usageError("The request body must be a JSON object");
  }
  return options.name ? { ...body, name: options.name } : (body as Record<string, unknown>);
}

/** `--filter key=value` (repeatable) as list query parameters. */
export function collectFilter(value: string, previous: Record<string, string> = {}) {
  const at = value.indexOf("=");
  if (at < 1) throw usageError(`--filter wants key=value, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
