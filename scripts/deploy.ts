// `pnpm run deploy [--env staging|production]`: creates or reuses the Cloudflare resources, puts
// missing secrets, migrates D1 and deploys the three workers (docs/deploy.md). Never prompts.
import { deploy } from "./deploy/run.ts";

const args = process.argv.slice(2);
const flag = args.indexOf("--env");
const env =
  flag >= 0 ? args[flag + 1] : (args.find((a) => a.startsWith("--env="))?.slice(6) ?? "production");

try {
  await deploy(env ?? "production", process.env, (line) => console.log(line));
} catch (error) {
  console.error(`\ndeploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
