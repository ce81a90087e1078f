import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { CliError, EXIT } from "../exit-codes.ts";

export interface Credentials {
  baseUrl: string;
  keyId: string;
  keySecret: string;
  /** Where they came from, for `authpi whoami` and error messages. */
  source: string;
}

const Profile = z.strictObject({
  base_url: z.string().url(),
  api_key: z.string().min(3),
});

export const ProfilesFile = z.strictObject({
  default: z.string().optional(),
  profiles: z.record(z.string(), Profile),
});
export type ProfilesFile = z.infer<typeof ProfilesFile>;

type Env = Record<string, string | undefined>;

/** `$AUTHPI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/authpi`, else `~/.config/authpi`. */
export function configDir(env: Env): string {
  if (env.AUTHPI_CONFIG_DIR) return env.AUTHPI_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "authpi");
}

export function profilesPath(env: Env): string {
  return path.join(configDir(env), "profiles.json");
}

export async function readProfiles(env: Env): Promise<ProfilesFile | null> {
  const file = profilesPath(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return null;
  }
  const parsed = ProfilesFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new CliError(`${file}: ${z.prettifyError(parsed.error)}`, EXIT.usage);
  }
  return parsed.data;
}

function splitKey(apiKey: string, source: string): { keyId: string; keySecret: string } {
  const colon = apiKey.indexOf(":");
  if (colon < 1 || colon === apiKey.length - 1) {
    throw new CliError(`${source}: the API key must be "key_id:secret"`, EXIT.auth);
  }
  return { keyId: apiKey.slice(0, colon), keySecret: apiKey.slice(colon + 1) };
}

/**
 * The credentials to call the Core API with: an explicit profile (`--profile` or
 * `AUTHPI_PROFILE`) first, then `AUTHPI_API_KEY` + `AUTHPI_BASE_URL`, then the default profile.
 */
export async function resolveCredentials(env: Env, profileFlag?: string): Promise<Credentials> {
  const wanted = profileFlag ?? env.AUTHPI_PROFILE;
  if (!wanted && env.AUTHPI_API_KEY) {
    if (!env.AUTHPI_BASE_URL) {
      throw new CliError("AUTHPI_API_KEY is set but AUTHPI_BASE_URL is not", EXIT.auth);
    }
    return {
      baseUrl: env.AUTHPI_BASE_URL.replace(/\/+$/, ""),
      ...splitKey(env.AUTHPI_API_KEY, "AUTHPI_API_KEY"),
      source: "AUTHPI_API_KEY",
    };
  }
  const file = await readProfiles(env);
  const name = wanted ?? file?.default;
  if (!name) {
    throw new CliError(
      "No credentials: set AUTHPI_API_KEY and AUTHPI_BASE_URL, or add a profile with `authpi profiles set`",
      EXIT.auth,
    );
  }
  const profile = file?.profiles[name];
  if (!profile) throw new CliError(`No profile named "${name}" in ${profilesPath(env)}`, EXIT.auth);
  return {
    baseUrl: profile.base_url.replace(/\/+$/, ""),
    ...splitKey(profile.api_key, `profile ${name}`),
    source: `profile ${name}`,
  };
}
