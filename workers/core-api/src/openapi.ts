import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { type InputTarget, validationError } from "./errors.ts";
import { withContract } from "./route-contract.ts";

/**
 * An OpenAPIHono whose validation failures become the 422 envelope and whose every route is
 * registered through `withContract` (strict queries, one JSON body reader, every status).
 */
export function openApiApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target as InputTarget);
    },
  });
  const register = app.openapi;
  app.openapi = ((route, handler, hook) =>
    register(withContract(route), handler, hook)) as typeof app.openapi;
  return app;
}
