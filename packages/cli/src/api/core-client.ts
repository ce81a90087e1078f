import { ApiError } from "./api-error.ts";
import type { Credentials } from "./credentials.ts";

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** RFC 9110 §13.1.1: the change applies only if the resource still has this tag. */
  ifMatch?: string;
  idempotencyKey?: string;
}

export interface ApiResult<T> {
  status: number;
  data: T;
  etag: string | null;
  /** The Core API answered from its idempotency cache (`Idempotent-Replayed: true`). */
  replayed: boolean;
  raw: Record<string, unknown>;
}

interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

const RETRYABLE = new Set([429, 502, 503]);
const MAX_TRIES = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small Core API client: HTTP Basic with the API key, the `{data}` envelope, pagination. */
export class CoreClient {
  readonly baseUrl: string;
  readonly #auth: string;
  readonly #fetch: typeof fetch;
  #accountId: string | undefined;

  constructor(credentials: Credentials, fetchImpl: typeof fetch = fetch) {
    this.baseUrl = credentials.baseUrl;
    this.#auth = `Basic ${Buffer.from(`${credentials.keyId}:${credentials.keySecret}`).toString("base64")}`;
    this.#fetch = fetchImpl;
  }

  /** The one account an API key acts on (`GET /v1/me`), asked once. */
  async accountId(): Promise<string> {
    if (this.#accountId) return this.#accountId;
    const me = await this.request<{ accounts: { account_id: string }[] }>("GET", "/v1/me");
    const first = me.data.accounts[0];
    if (!first) throw new ApiError("GET", "/v1/me", 403, { error: "no_account" });
    this.#accountId = first.account_id;
    return first.account_id;
  }

  /** `/v1/accounts/{account_id}` + `path`. */
  async accountPath(path: string): Promise<string> {
    return `/v1/accounts/${await this.accountId()}${path}`;
  }

  async request<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      authorization: this.#auth,
      accept: "application/json",
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.ifMatch) headers["if-match"] = options.ifMatch;
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    const init: RequestInit = {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    };
    // Only reads are retried on their own; a POST is safe to retry only under an Idempotency-Key.
    const retries = method === "GET" || options.idempotencyKey ? MAX_TRIES : 1;
    for (let attempt = 1; ; attempt++) {
      const response = await this.#fetch(url, init);
      // 409 with Retry-After: the same Idempotency-Key is still being processed; ask again.
      const inFlight = response.status === 409 && response.headers.has("retry-after");
      if ((RETRYABLE.has(response.status) || inFlight) && attempt < retries) {
        const after = Number(response.headers.get("retry-after"));
        await sleep(
          Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : 250 * 2 ** attempt,
        );
        continue;
      }
      const text = response.status === 204 ? "" : await response.text();
      let raw: Record<string, unknown> = {};
      try {
        raw = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        raw = { error: `http_${response.status}`, error_description: text.slice(0, 200) };
      }
      if (!response.ok) throw new ApiError(method, url.pathname, response.status, raw);
      return {
        status: response.status,
        data: ("data" in raw ? raw.data : raw) as T,
        etag: response.headers.get("etag"),
        replayed: response.headers.get("idempotent-replayed") === "true",
        raw,
      };
    }
  }

  /** Every item of a list, following `next_cursor` until `has_more` is false. */
  async listAll<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.request<T[]>("GET", path, {
        query: { ...query, limit: 100, cursor },
      });
      const raw = page.raw as unknown as Page<T>;
      items.push(...raw.data);
      cursor = raw.has_more && raw.next_cursor ? raw.next_cursor : undefined;
    } while (cursor);
    return items;
  }
}
