import { type AuthorizationRequest, IdpClient, type TokenSet } from "@authpi/idp";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";

// In memory for the example; keep these in KV, D1 or a Durable Object in production.
const logins = new Map<string, AuthorizationRequest>();
const sessions = new Map<string, TokenSet>();

export default new Hono<{ Bindings: Record<string, string> }>()
  .get("/login", async (c) => {
    const auth = await IdpClient.fromEnv(c.env).createAuthorizationUrl({
      scopes: ["openid", "email", "offline_access"],
    });
    logins.set(auth.state, auth);
    setCookie(c, "login", auth.state, { httpOnly: true, sameSite: "Lax" });
    return c.redirect(auth.url);
  })
  .get("/callback", async (c) => {
    const auth = logins.get(getCookie(c, "login") ?? "");
    if (!auth) return c.text("Start at /login", 400);
    const agent = await IdpClient.fromEnv(c.env).exchangeCallback(c.req.url, auth);
    const sid = crypto.randomUUID();
    sessions.set(sid, agent.tokens);
    setCookie(c, "sid", sid, { httpOnly: true, sameSite: "Lax" });
    return c.redirect("/");
  })
  .get("/", async (c) => {
    const sid = getCookie(c, "sid") ?? "";
    const tokens = sessions.get(sid);
    if (!tokens) return c.html('<a href="/login">Sign in</a>');
    const agent = await IdpClient.fromEnv(c.env).createAgent(tokens, {
      onRefresh: (t) => void sessions.set(sid, t),
    });
    return c.json({ user: agent.user, organizations: agent.organizations });
  });
