/** A cookie jar over Node's fetch with manual redirects, for form-driven logins. */
export class HttpBrowser {
  readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows the hosted login: GET the authorize URL, POST the form, return the redirect. */
  async login(authorizeUrl: string, username: string, password: string): Promise<URL> {
    let response = await this.fetch(authorizeUrl);
    if (response.status === 200) {
      const page = await response.text();
      const field = (name: string) =>
        new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? "";
      const action = new URL(/action="([^"]+)"/.exec(page)?.[1] ?? "", authorizeUrl);
      response = await this.fetch(action.href, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          request_id: field("request_id"),
          csrf_token: field("csrf_token"),
          username,
          password,
        }),
      });
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`login did not redirect: ${response.status}`);
    return new URL(location);
  }
}
