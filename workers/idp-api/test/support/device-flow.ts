import { CreateClientInput, createClient } from "@authpi/domain/clients";
import { DEVICE_CODE_GRANT_TYPE } from "@authpi/domain/oauth";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import * as oauth from "oauth4webapi";
import { expect } from "vitest";
import { loginForm, TestBrowser } from "./browser.ts";
import type { Seeded } from "./login-flow.ts";
import { discoverAs, insecure } from "./par-flow.ts";

/** A device client of the seeded issuer: public (native) unless `type` says otherwise. */
export async function deviceClient(
  seeded: Seeded,
  options: { type?: "native" | "web"; firstParty?: boolean; grants?: string[] } = {},
) {
  const created = await createClient(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateClientInput.parse({
      name: "Living room TV",
      type: options.type ?? "native",
      settings: {
        grant_types: options.grants ?? [DEVICE_CODE_GRANT_TYPE, "refresh_token"],
        first_party: options.firstParty ?? true,
      },
    }),
  );
  const auth = created.secret ? oauth.ClientSecretBasic(created.secret) : oauth.None();
  return { ...created, auth, oauthClient: { client_id: created.client.id } };
}

export type DeviceClient = Awaited<ReturnType<typeof deviceClient>>;

/** Starts a device authorization with oauth4webapi, as a TV or CLI would. */
export async function startOnDevice(seeded: Seeded, device: DeviceClient, scope = "openid email") {
  const as = await discoverAs(seeded);
  const response = await oauth.deviceAuthorizationRequest(
    as,
    device.oauthClient,
    device.auth,
    { scope },
    insecure,
  );
  const started = await oauth.processDeviceAuthorizationResponse(as, device.oauthClient, response);
  return { as, started };
}

/** One poll of the token endpoint: the raw response. */
export async function poll(
  as: oauth.AuthorizationServer,
  device: DeviceClient,
  deviceCode: string,
) {
  return oauth.deviceCodeGrantRequest(as, device.oauthClient, device.auth, deviceCode, insecure);
}

/** A raw device-code poll, for what oauth4webapi would never send. */
export function postToken(seeded: Seeded, body: Record<string, string>) {
  return workerFetch(`/${seeded.issuer.id}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: DEVICE_CODE_GRANT_TYPE, ...body }),
  });
}

/** Types `userCode` on the verification page in `browser`. */
export async function enterCode(seeded: Seeded, browser: TestBrowser, userCode: string) {
  const page = await (await browser.fetch(`/${seeded.issuer.id}/device`)).text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return browser.fetch(`/${seeded.issuer.id}/device`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf_token: csrf, user_code: userCode }),
  });
}

/** Enters the code, signs in as alice, and answers the confirmation page with `decision`. */
export async function approveInBrowser(
  seeded: Seeded,
  userCode: string,
  decision: "allow" | "deny" = "allow",
  browser = new TestBrowser(),
) {
  let response = await enterCode(seeded, browser, userCode);
  let page = await response.text();
  if (page.includes('name="password"')) {
    response = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
    page = await response.text();
  }
  expect(page, page.slice(0, 400)).toContain(`action="/${seeded.issuer.id}/device/confirm"`);
  const form = loginForm(page);
  const done = await browser.fetch(`/${seeded.issuer.id}/device/confirm`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      request_id: form.requestId,
      csrf_token: form.csrfToken,
      decision,
    }),
  });
  return { done, confirmPage: page, browser };
}
