/**
 * The tag of the version a worker serves now, read from the Cloudflare API (the same base URL
 * wrangler uses), so a fresh CI runner without local deploy state still sees what is deployed.
 */
export const TAG_LENGTH = 24;

export async function deployedTag(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const account = env.CLOUDFLARE_ACCOUNT_ID;
  const token = env.CLOUDFLARE_API_TOKEN;
  if (!account || !token) return null;
  const base = (env.CLOUDFLARE_API_BASE_URL ?? "https://api.cloudflare.com/client/v4").replace(
    /\/$/,
    "",
  );
  const get = async <T>(path: string): Promise<T | null> => {
    const response = await fetch(`${base}/accounts/${account}/workers/scripts/${name}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) return null;
    return ((await response.json()) as { result: T }).result;
  };
  const deployments = await get<{ deployments: { versions: { version_id: string }[] }[] }>(
    "/deployments",
  );
  const current = deployments?.deployments[0]?.versions;
  if (current?.length !== 1) return null;
  const version = await get<{ annotations?: Record<string, string> }>(
    `/versions/${current[0]?.version_id}`,
  );
  return version?.annotations?.["workers/tag"] ?? null;
}
