// The peer: oidc-provider on Node, run by the bench as its own process (PEER_CONFIG in the env).
import { createServer } from "node:http";
import { handleInteraction } from "./interactions.ts";
import { hashPassword } from "./password.ts";
import type { PeerConfig } from "./peer-config.ts";
import { createProvider } from "./provider.ts";

const config = JSON.parse(process.env.PEER_CONFIG ?? "{}") as PeerConfig;
const provider = await createProvider(config);
const user = {
  id: "bench-user",
  username: config.user.username,
  password: await hashPassword(config.user.password),
};
const callback = provider.callback();

createServer((req, res) => {
  if (req.url?.startsWith("/interaction/")) {
    handleInteraction(provider, user, req, res).catch((error: Error) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(error.message);
    });
    return;
  }
  callback(req, res);
}).listen(config.port, "127.0.0.1");
