/** A registered route: its method and Hono path (`/v1/accounts/:account_id/issuers`). */
export interface RouteEntry {
  method: string;
  path: string;
}

type Compiled = { method: string; pattern: RegExp };

function compile(routes: readonly RouteEntry[]): Compiled[] {
  return routes
    .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
    .map((r) => {
      const source = r.path
        .split("/")
        .map((part) =>
          part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("/");
      return { method: r.method, pattern: new RegExp(`^${source}/?$`) };
    });
}

/**
 * The methods a path is served under (with HEAD wherever GET is), for a 405's `Allow`
 * (RFC 9110 §15.5.6); empty when no route has the path. Compiles the routes once.
 */
export function allowedMethodsOf(routes: readonly RouteEntry[]): (path: string) => string[] {
  let compiled: Compiled[] | undefined;
  return (path) => {
    compiled ??= compile(routes);
    const allowed = new Set(compiled.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (allowed.has("GET")) allowed.add("HEAD");
    return [...allowed].sort();
  };
}
