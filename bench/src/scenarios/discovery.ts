import { discoveryUrl } from "../oauth/metadata.ts";
import { repeated, type Scenario } from "./scenario.ts";

export const discovery: Scenario = {
  id: "discovery",
  title: "Discovery (GET /.well-known/openid-configuration)",
  unit: "request",
  bound: "JSON serialisation of the metadata; the issuer comes from the isolate cache; no crypto",
  async prepare({ target, profile }) {
    return repeated(profile, { url: discoveryUrl(target.issuer), method: "GET", headers: {} });
  },
};
