// zod 4 gives a schema its methods when it is made, and @hono/zod-openapi adds `.openapi()` when
// it loads: so it loads first, before any domain module makes a schema this worker documents.
import "@hono/zod-openapi";
