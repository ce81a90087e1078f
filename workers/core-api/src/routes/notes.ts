import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { countNotes, listNotes, noteBacklinks } from "@authpi/domain/notes/list-notes";
import { createNote, deleteNote, getNote, updateNote } from "@authpi/domain/notes/manage-notes";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AccountParams,
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import {
  CreateNoteBody,
  NoteBacklinksQuery,
  NoteCountQuery,
  NoteListQuery,
  NoteParams,
  NoteSchema,
  UpdateNoteBody,
} from "../schemas/note.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const base = "/v1/accounts/{account_id}/notes";
const tags = ["Notes"];
const read = requireScope("notes:read");
const write = requireScope("notes:write");
const one = (description: string) => jsonResponse(single(NoteSchema), description);

const routes = {
  backlinks: createRoute({
    method: "get",
    path: `${base}/backlinks`,
    tags,
    summary: "Notes that link to a resource with `[[type:id]]`, newest first",
    middleware: [read] as const,
    request: { params: AccountParams, query: NoteBacklinksQuery },
    responses: {
      200: jsonResponse(z.object({ data: z.array(NoteSchema) }), "The linking notes"),
      ...errorResponses,
    },
  }),
  count: createRoute({
    method: "get",
    path: `${base}/count`,
    tags,
    summary: "How many notes a resource has",
    middleware: [read] as const,
    request: { params: AccountParams, query: NoteCountQuery },
    responses: {
      200: jsonResponse(single(z.object({ count: z.number().int() })), "The count"),
      ...errorResponses,
    },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List notes, pinned first then newest, by subject, issuer, author, pin or mention",
    middleware: [read] as const,
    request: { params: AccountParams, query: NoteListQuery },
    responses: { 200: jsonResponse(page(NoteSchema), "A page of notes"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Attach a Markdown note to a user, organization, issuer, client or agent",
    middleware: [write] as const,
    request: { params: AccountParams, body: jsonBody(CreateNoteBody) },
    responses: { 201: one("The note"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{note_id}`,
    tags,
    summary: "Get a note",
    middleware: [read] as const,
    request: { params: NoteParams },
    responses: { 200: one("The note"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{note_id}`,
    tags,
    summary: "Edit a note's content (links parsed again) or pin it",
    middleware: [write] as const,
    request: { params: NoteParams, headers: IfMatchHeader, body: jsonBody(UpdateNoteBody) },
    responses: { 200: one("The note"), ...conflictResponses, ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{note_id}`,
    tags,
    summary: "Delete a note",
    middleware: [write] as const,
    request: { params: NoteParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...conflictResponses, ...errorResponses },
  }),
};

export const noteRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.backlinks, async (c) => {
    const data = await noteBacklinks(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("query"),
    );
    return c.json({ data }, 200);
  })
  .openapi(routes.count, async (c) => {
    const n = await countNotes(createDb(c.env.DB), c.var.principal.accountId, c.req.valid("query"));
    return c.json({ data: { count: n } }, 200);
  })
  .openapi(routes.list, async (c) => {
    const accountId = c.var.principal.accountId;
    return c.json(await listNotes(createDb(c.env.DB), accountId, c.req.valid("query")), 200);
  })
  .openapi(routes.create, async (c) => {
    const { row, data } = await createNote(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("json"),
    );
    c.header("ETag", etagOf(row));
    return c.json({ data }, 201);
  })
  .openapi(routes.get, async (c) => {
    const { note_id } = c.req.valid("param");
    const { row, data } = await getNote(createDb(c.env.DB), c.var.principal.accountId, note_id);
    c.header("ETag", etagOf(row));
    return c.json({ data }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { row, data } = await updateNote(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").note_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data }, 200);
  })
  .openapi(routes.delete, async (c) => {
    await deleteNote(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").note_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  });
