import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { renderError } from "./errors.ts";
import { discovery } from "./routes/discovery.ts";
import { jwks } from "./routes/jwks.ts";

export const app = new Hono<AppEnv>();

app.route("/:issuer_id", discovery);
app.route("/:issuer_id", jwks);
app.notFound((c) => c.json({ error: "not_found", error_description: "No such endpoint" }, 404));
app.onError(renderError);
