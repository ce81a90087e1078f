import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { SystemEndpoints } from "./system.ts";

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

export interface Checked {
  method: string;
  template: string;
  status: number;
}

/** A body sent verbatim rather than as JSON. */
export class RawBody {
  constructor(readonly text: string) {}
}

/** JSON Pointer escaping (RFC 6901) for a `$ref` into the document. */
const pointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Calls the live Core API and validates every JSON response against the operation's response
 * schema in `/openapi.json` (JSON Schema 2020-12 via Ajv). An undocumented path, method or
 * status, or a body that does not match, fails the call.
 */
export class ContractClient {
  readonly checked: Checked[] = [];
  #ajv = new Ajv2020({ strict: false, allErrors: true });
  #routes: { method: string; template: string; regex: RegExp }[] = [];

  private constructor(
    private readonly system: SystemEndpoints,
    readonly doc: OpenApiDoc,
  ) {
    addFormats.default(this.#ajv);
    this.#ajv.addSchema(doc as object, "openapi");
    for (const [template, methods] of Object.entries(doc.paths)) {
      const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const method of Object.keys(methods)) this.#routes.push({ method, template, regex });
    }
    // Literal segments win over parameters (…/complete-enrollment before …/{verifier_id}).
    const params = (template: string) => template.split("{").length;
    this.#routes.sort((a, b) => params(a.template) - params(b.template));
  }

  static async open(system: SystemEndpoints): Promise<ContractClient> {
    const doc = (await (await fetch(`${system.coreUrl}/openapi.json`)).json()) as OpenApiDoc;
    return new ContractClient(system, doc);
  }

  /** A call under `/v1/accounts/{account_id}`, or any absolute path starting with `/v1`. */
  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const full = path.startsWith("/v1/")
      ? path
      : `/v1/accounts/${this.system.seed.account_id}${path}`;
    const response = await fetch(`${this.system.coreUrl}${full}`, {
      method,
      headers: {
        authorization: this.system.basicAuth,
        "content-type": "application/json",
        ...headers,
      },
      // A `RawBody` goes out as is (malformed JSON, other media types, oversized bodies).
      ...(body === undefined
        ? {}
        : { body: body instanceof RawBody ? body.text : JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as T) : ({} as T);
    const pathname = full.split("?")[0] as string;
    const route = this.#routes.find(
      (r) => r.method === method.toLowerCase() && r.regex.test(pathname),
    );
    if (!route) throw new Error(`${method} ${pathname} is not in /openapi.json`);
    const operation = this.doc.paths[route.template]?.[route.method] as Operation;
    const documented = operation.responses[String(response.status)];
    if (!documented) {
      throw new Error(
        `${method} ${route.template} answered ${response.status}, undocumented: ${text}`,
      );
    }
    const content = documented.content?.["application/json"];
    if (content) {
      const ref = `openapi#/paths/${pointer(route.template)}/${route.method}/responses/${response.status}/content/application~1json/schema`;
      const validate = this.#ajv.getSchema(ref) ?? this.#ajv.compile({ $ref: ref });
      if (!validate(parsed)) {
        throw new Error(
          `${method} ${route.template} ${response.status} does not match its schema: ${this.#ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`,
        );
      }
    } else if (text) {
      throw new Error(`${method} ${route.template} ${response.status} has an undocumented body`);
    }
    this.checked.push({ method: route.method, template: route.template, status: response.status });
    return { status: response.status, body: parsed, headers: response.headers };
  }
}
