import type { Report } from "./resources.ts";

/**
 * Creates the first account through the Core API and prints its owner key, once: the Core
 * API refuses a second bootstrap (409), which is reported as already done.
 */
export async function bootstrapFirstAccount(coreApiUrl: string, token: string, report: Report) {
  const response = await fetch(`${coreApiUrl}/v1/bootstrap`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ account_name: "My account" }),
  });
  if (response.status === 409) {
    report("  = first account: already bootstrapped");
    return;
  }
  if (response.status !== 201) {
    throw new Error(`bootstrap at ${coreApiUrl}: ${response.status} ${await response.text()}`);
  }
  const { data } = (await response.json()) as {
    data: { account_id: string; api_key_id: string; api_key_secret: string };
  };
  report(`  + first account ${data.account_id}; its owner API key (shown this once):`);
  report(`    AUTHPI_API_KEY=${data.api_key_id}:${data.api_key_secret}`);
}
