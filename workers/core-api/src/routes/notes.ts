import { createDb } from "@authpi/domain/db";
import { etagOf } from "@authpi/domain/etag";
import {
  countNotes,
  createNote,
  deleteNote,
  getNote,
  listNotes,
  noteBacklinks,
  updateNote,
} from "@authpi/domain/notes";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, jsonResponse, single } from "../schemas/common.ts";
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

const table = routeTable({
  path: "/v1/accounts/{account_id}/notes",
  item: "{note_id}",
  tags: ["Notes"],
  scope: "notes",
  params: AccountParams,
  itemParams: NoteParams,
  schema: NoteSchema,
  noun: "note",
});

const routes = {
  backlinks: table.read("backlinks", {
    summary: "Notes that link to a resource with `[[type:id]]`, newest first",
    query: NoteBacklinksQuery,
    ok: jsonResponse(z.object({ data: z.array(NoteSchema) }), "The linking notes"),
  }),
  count: table.read("count", {
    summary: "How many notes a resource has",
    query: NoteCountQuery,
    ok: jsonResponse(single(z.object({ count: z.number().int() })), "The count"),
  }),
  list: table.list({
    summary: "List notes, pinned first then newest, by subject, issuer, author, pin or mention",
    query: NoteListQuery,
  }),
  create: table.create({
    summary: "Attach a Markdown note to a user, organization, issuer, client or agent",
    body: CreateNoteBody,
  }),
  get: table.get({ summary: "Get a note" }),
  update: table.update({
    summary: "Edit a note's content (links parsed again) or pin it",
    body: UpdateNoteBody,
    responses: conflictResponses,
  }),
  delete: table.delete({
    summary: "Delete a note",
    responses: conflictResponses,
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
