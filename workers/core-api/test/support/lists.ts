import { apiCall } from "@authpi/testkit/worker-fetch";
import { expect } from "vitest";

/** The ids a list answers with (or `member_id`s), asserting a 200. */
export async function listIds(path: string, auth: string): Promise<string[]> {
  const response = await apiCall("GET", path, auth);
  expect(response.status, `GET ${path}`).toBe(200);
  const page = (await response.json()) as { data: { id?: string; member_id?: string }[] };
  return page.data.map((item) => (item.id ?? item.member_id) as string);
}

/** POSTs and returns the created resource's `data.id`. */
export async function createdId(path: string, auth: string, body: unknown): Promise<string> {
  const response = await apiCall("POST", path, auth, body);
  expect(response.status, `POST ${path} ${await response.clone().text()}`).toBeLessThan(300);
  return ((await response.json()) as { data: { id: string } }).data.id;
}
