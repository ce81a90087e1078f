import { workerFetch } from "@authpi/testkit/worker-fetch";

/** A minimal browser: a cookie jar and manual redirects, talking to the worker in-process. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  /** `ip` is sent as `CF-Connecting-IP`, the address Cloudflare reports for the browser. */
  constructor(readonly options: { ip?: string } = {}) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, "http://localhost");
    const headers = new Headers(init.headers);
    if (this.options.ip) headers.set("cf-connecting-ip", this.options.ip);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const response = await workerFetch(`${target.pathname}${target.search}`, {
      ...init,
      headers,
      redirect: "manual",
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
    return response;
  }

  /** Submits the sign-in form shown in `page` with these credentials. */
  async submitLogin(
    issuerId: string,
    page: string,
    username: string,
    password: string,
    csrf?: string,
  ) {
    const form = loginForm(page);
    return this.fetch(`/${issuerId}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        request_id: form.requestId,
        csrf_token: csrf ?? form.csrfToken,
        username,
        password,
      }),
    });
  }
}

export function loginForm(page: string): { requestId: string; csrfToken: string } {
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1];
  const csrfToken = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1];
  if (!requestId || !csrfToken) throw new Error(`no sign-in form in page: ${page.slice(0, 300)}`);
  return { requestId, csrfToken };
}
