import { createRoute, type RouteConfig, type z } from "@hono/zod-openapi";
import { requireScope } from "./middleware/require-scope.ts";
import {
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "./schemas/common.ts";

type Responses = RouteConfig["responses"];
type Response = Responses[string];
type Body = NonNullable<NonNullable<RouteConfig["request"]>["body"]>;
type Headers = z.ZodObject | undefined;
type None = Record<never, never>;
type Access = "read" | "write";
type Where = "item" | "collection";

/** What a resource's routes share: where it lives, who may touch it, what one of it looks like. */
export interface TableOptions<P extends z.ZodObject, I extends z.ZodObject, S extends z.ZodType> {
  /** The collection, e.g. `/v1/accounts/{account_id}/issuers/{issuer_id}/clients`. */
  path: string;
  /** The member below the collection, e.g. `{client_id}`. */
  item?: string;
  tags: string[];
  /** `issuers.clients` asks for `issuers.clients:read` and `issuers.clients:write`. */
  scope: string;
  /** Scope names where they differ from `${scope}:read|write` (e.g. `webhooks:manage`). */
  scopes?: Partial<Record<Access, string>>;
  /** The path parameters of the collection and of one member. */
  params: P;
  itemParams?: I;
  /** One resource: `{data: schema}` is the default answer. */
  schema?: S;
  /** `client` gives "The client" and "A page of clients". */
  noun: string;
  plural?: string;
}

/** The parts every operation may set; the rest is the verb's default. */
interface Operation<X extends Responses, H extends Headers> {
  summary: string;
  description?: string;
  deprecated?: boolean;
  headers?: H;
  /** More documented statuses (409, 412, 503, ...) beside the error statuses of every route. */
  responses?: X;
  /** The description of the success response, where "The <noun>" does not fit. */
  text?: string;
  /** Who may call it, where the verb's default (`read` for GET, `write` otherwise) does not fit. */
  access?: Access;
}

/** Updates and deletes take `If-Match` (RFC 9110 §13.1.1) unless the resource has no version. */
interface Guarded<M extends boolean> {
  ifMatch?: M;
}

function guard<M extends boolean>(op: Guarded<M>) {
  return (op.ifMatch === false ? undefined : IfMatchHeader) as M extends false
    ? undefined
    : typeof IfMatchHeader;
}

interface Returning<R extends z.ZodType> {
  /** What `data` holds in the answer, where it is not the table's schema. */
  returns?: R;
}

/**
 * The standard declarations of a Core API resource, so a new one is a few lines: list, create,
 * get, update, delete, and POST actions, each with its scope, `{data}` envelope and the error
 * statuses every route can give (`withContract` adds the rest when the route is registered).
 */
export function routeTable<P extends z.ZodObject, I extends z.ZodObject, S extends z.ZodType>(
  table: TableOptions<P, I, S>,
) {
  const itemPath = `${table.path}/${table.item}`;
  const itemParams = (table.itemParams ?? table.params) as I;
  const scope = (access: Access) =>
    requireScope(table.scopes?.[access] ?? `${table.scope}:${access}`);

  function declare<
    M extends RouteConfig["method"],
    Pr extends z.ZodObject,
    Q extends z.ZodObject | undefined,
    H extends Headers,
    B extends Body | undefined,
    C extends number,
    O extends Response,
    X extends Responses,
  >(
    method: M,
    path: string,
    access: Access,
    request: { params: Pr; query?: Q; headers?: H; body?: B },
    status: C,
    ok: O,
    op: Operation<X, H>,
  ) {
    return createRoute({
      method,
      path,
      tags: table.tags,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.deprecated === undefined ? {} : { deprecated: op.deprecated }),
      middleware: [scope(op.access ?? access)] as const,
      request: request as { params: Pr; query: Q; headers: H; body: B },
      responses: {
        ...({ [status]: ok } as { [K in C]: O }),
        ...(op.responses as X),
        ...errorResponses,
      },
    });
  }

  const one = <R extends z.ZodType = S>(r: Returning<R>, text: string) =>
    jsonResponse(single((r.returns ?? table.schema) as R), text);
  const the = `The ${table.noun}`;

  return {
    /** GET the collection: a page of `item` (the table's schema unless named). */
    list<
      L extends z.ZodType = S,
      Q extends z.ZodObject | undefined = undefined,
      X extends Responses = None,
      H extends Headers = undefined,
    >(op: Operation<X, H> & { query?: Q; item?: L }) {
      const text = op.text ?? `A page of ${table.plural ?? `${table.noun}s`}`;
      const item = (op.item ?? table.schema) as L;
      const request = { params: table.params, query: op.query, headers: op.headers };
      return declare("get", table.path, "read", request, 200, jsonResponse(page(item), text), op);
    },
    /** POST to the collection with a required JSON body; 201 with the new resource. */
    create<
      B extends z.ZodType,
      R extends z.ZodType = S,
      C extends number = 201,
      X extends Responses = None,
      H extends Headers = undefined,
    >(op: Operation<X, H> & Returning<R> & { body: B; status?: C }) {
      const request = { params: table.params, headers: op.headers, body: jsonBody(op.body) };
      const status = (op.status ?? 201) as C;
      return declare("post", table.path, "write", request, status, one(op, op.text ?? the), op);
    },
    /** GET one member. */
    get<R extends z.ZodType = S, X extends Responses = None, H extends Headers = undefined>(
      op: Operation<X, H> & Returning<R>,
    ) {
      const request = { params: itemParams, headers: op.headers };
      return declare("get", itemPath, "read", request, 200, one(op, op.text ?? the), op);
    },
    /** PATCH one member with a required JSON body, under `If-Match` unless `ifMatch: false`. */
    update<
      B extends z.ZodType,
      R extends z.ZodType = S,
      X extends Responses = None,
      M extends boolean = true,
    >(op: Operation<X, never> & Returning<R> & Guarded<M> & { body: B }) {
      const request = { params: itemParams, headers: guard(op), body: jsonBody(op.body) };
      return declare("patch", itemPath, "write", request, 200, one(op, op.text ?? the), op);
    },
    /** DELETE one member under `If-Match` (unless `ifMatch: false`); 204 unless `status`, `ok` say otherwise. */
    delete<
      O extends Response = { description: string },
      C extends number = 204,
      X extends Responses = None,
      M extends boolean = true,
    >(op: Operation<X, never> & Guarded<M> & { ok?: O; status?: C }) {
      const request = { params: itemParams, headers: guard(op) };
      const ok = (op.ok ?? { description: op.text ?? "Deleted" }) as O;
      return declare("delete", itemPath, "write", request, (op.status ?? 204) as C, ok, op);
    },
    /**
     * POST `{item}/{name}` (or `{collection}/{name}` with `on: "collection"`): an action with an
     * optional body (`jsonBody` / `optionalJsonBody`); 200 with the resource unless told.
     */
    action<
      R extends z.ZodType = S,
      B extends Body | undefined = undefined,
      C extends number = 200,
      X extends Responses = None,
      H extends Headers = undefined,
      On extends Where = "item",
    >(name: string, op: Operation<X, H> & Returning<R> & { body?: B; status?: C; on?: On }) {
      const collection = op.on === "collection";
      const path = `${collection ? table.path : itemPath}/${name}`;
      const params = (collection ? table.params : itemParams) as On extends "item" ? I : P;
      const request = { params, headers: op.headers, body: op.body };
      const status = (op.status ?? 200) as C;
      return declare("post", path, "write", request, status, one(op, op.text ?? the), op);
    },
    /** GET `{collection}/{name}` or `{item}/{name}` answering `ok` (any response shape). */
    read<
      O extends Response,
      Q extends z.ZodObject | undefined = undefined,
      X extends Responses = None,
      H extends Headers = undefined,
      On extends Where = "collection",
    >(name: string, op: Operation<X, H> & { ok: O; query?: Q; on?: On }) {
      const member = op.on === "item";
      const path = `${member ? itemPath : table.path}/${name}`;
      const request = {
        params: (member ? itemParams : table.params) as On extends "item" ? I : P,
        query: op.query,
        headers: op.headers,
      };
      return declare("get", path, "read", request, 200, op.ok, op);
    },
  };
}
