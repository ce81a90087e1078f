import { bootstrapAccount } from "@authpi/domain/accounts";
import { timingSafeEqual } from "@authpi/domain/crypto";
import { createDb } from "@authpi/domain/db";
import { DomainError } from "@authpi/domain/errors";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, jsonResponse, optionalJsonBody, single } from "../schemas/common.ts";

const BootstrapBody = z
  .strictObject({ account_name: z.string().trim().min(1).max(200).default("My account") })
  .openapi("BootstrapInput");

const BootstrapResult = z
  .object({
    account_id: z.string(),
    api_key_id: z.string(),
    api_key_secret: z.string().openapi({ description: "Shown once" }),
  })
  .openapi("BootstrapResult");

const bootstrap = createRoute({
  method: "post",
  path: "/v1/bootstrap",
  tags: ["Bootstrap"],
  summary: "Create the first account and its owner API key (self-hosted, once)",
  security: [{ bootstrapToken: [] }],
  request: { body: optionalJsonBody(BootstrapBody) },
  responses: {
    201: jsonResponse(single(BootstrapResult), "The account and its owner key"),
    409: errorResponses[404],
    ...errorResponses,
  },
});

export const bootstrapRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(bootstrap, async (c) => {
  const expected = c.env.BOOTSTRAP_TOKEN;
  const presented = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
  if (!expected || !timingSafeEqual(presented, expected)) {
    throw new DomainError("UNAUTHENTICATED", "A valid bootstrap token is required");
  }
  const result = await bootstrapAccount(createDb(c.env.DB), {
    name: c.req.valid("json").account_name,
    now: c.var.now,
  });
  return c.json(
    {
      data: {
        account_id: result.account.id,
        api_key_id: result.apiKey.id,
        api_key_secret: result.secret,
      },
    },
    201,
  );
});
