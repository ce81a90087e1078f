import { CookieJar } from "./cookie-jar.ts";
import { EndpointUnavailable } from "./unavailable.ts";

export type Landing =
  | { kind: "callback"; url: URL }
  | { kind: "page"; url: URL; status: number; html: string };

const MAX_REDIRECTS = 10;

/** A user agent for one login: its own cookies, redirects followed by hand so the callback is seen. */
export class UserAgent {
  readonly jar = new CookieJar();
  readonly #callbackPrefix: string;

  constructor(redirectUri: string) {
    this.#callbackPrefix = redirectUri;
  }

  async send(url: URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "text/html,application/json" };
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    if (init.body) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body?.toString(),
      redirect: "manual",
    });
    this.jar.store(response);
    return response;
  }

  /**
   * Requests `url` and follows redirects until the client's redirect URI (not fetched) or a page.
   * `endpoint` names the first request: if it answers 404 the endpoint is not built yet.
   */
  async navigate(
    endpoint: string,
    url: URL,
    init: { method?: string; body?: URLSearchParams } = {},
  ): Promise<Landing> {
    let response = await this.send(url, init);
    if (response.status === 404 || response.status === 405) {
      throw new EndpointUnavailable(
        endpoint,
        response.status,
        (await response.text()).slice(0, 200),
      );
    }
    let current = url;
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) {
        return { kind: "page", url: current, status: response.status, html: await response.text() };
      }
      await response.arrayBuffer();
      current = new URL(location, current);
      if (current.href.startsWith(this.#callbackPrefix)) return { kind: "callback", url: current };
      response = await this.send(current);
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url.href}`);
  }
}
