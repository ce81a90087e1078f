import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";

/** The settings of one environment; each may be overridden by an env var of the same name. */
export const SETTING_NAMES = [
  "IDP_BASE_URL",
  "CORE_API_URL",
  "IDP_DOMAIN",
  "CORE_API_DOMAIN",
  "MAIL_TRANSPORT",
  "MAIL_FROM",
  "MAIL_HTTP_URL",
  "WEBAUTHN_RP_ID",
  "RATE_LIMIT_NAMESPACE_OFFSET",
] as const;

export type SettingName = (typeof SETTING_NAMES)[number];

export interface DeploySettings extends Record<SettingName, string> {
  env: string;
  /** Appended to every resource name (workers, database, queues) of the environment. */
  suffix: string;
}

export const ENVIRONMENTS_FILE = path.join(REPO_ROOT, "deploy/environments.json");

/** The environment's settings from deploy/environments.json, then the process environment. */
export function loadSettings(env: string, processEnv: NodeJS.ProcessEnv): DeploySettings {
  const all = JSON.parse(readFileSync(ENVIRONMENTS_FILE, "utf8")) as Record<
    string,
    Record<string, string>
  >;
  const file = all[env];
  if (!file) {
    throw new Error(`Unknown environment "${env}": ${ENVIRONMENTS_FILE} has ${Object.keys(all)}`);
  }
  const settings = { env, suffix: file.suffix ?? "" } as DeploySettings;
  // An empty variable counts as unset (CI passes unset repository variables as "").
  for (const name of SETTING_NAMES) settings[name] = processEnv[name] || file[name] || "";
  if (!settings.IDP_BASE_URL && settings.IDP_DOMAIN)
    settings.IDP_BASE_URL = `https://${settings.IDP_DOMAIN}`;
  if (!settings.CORE_API_URL && settings.CORE_API_DOMAIN)
    settings.CORE_API_URL = `https://${settings.CORE_API_DOMAIN}`;
  const missing = (["IDP_BASE_URL", "CORE_API_URL"] as const).filter((name) => !settings[name]);
  if (missing.length > 0) {
    throw new Error(
      `Set ${missing.join(" and ")} for "${env}" (in ${path.relative(REPO_ROOT, ENVIRONMENTS_FILE)} ` +
        "or as environment variables), or a custom domain (IDP_DOMAIN, CORE_API_DOMAIN).",
    );
  }
  for (const name of ["IDP_BASE_URL", "CORE_API_URL"] as const)
    settings[name] = settings[name].replace(/\/+$/, "");
  return settings;
}
