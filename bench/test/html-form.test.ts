import { expect, test } from "vitest";
import { CookieJar } from "../src/oauth/cookie-jar.ts";
import { fillLoginForm, findLoginForm } from "../src/oauth/html-form.ts";

const page = `<html><body>
<form method="get" action="/search"><input name="q"></form>
<form method="POST" action="/i_1/login?flow=a&amp;step=2">
  <input type="hidden" name="csrf" value="t&quot;1">
  <label>Email <input type="email" name="login" required></label>
  <input type="password" name="pw">
  <input type="checkbox" name="remember" value="1">
  <button type="submit" name="action" value="password">Sign in</button>
  <button type="submit" name="action" value="passkey">Passkey</button>
</form></body></html>`;

test("the login form is found and filled as a person would submit it", () => {
  const form = findLoginForm(page);
  expect(form?.action).toBe("/i_1/login?flow=a&step=2");
  expect(form?.method).toBe("post");
  const body = fillLoginForm(form!, "a@example.com", "secret pw");
  expect([...body]).toEqual([
    ["csrf", 't"1'],
    ["login", "a@example.com"],
    ["pw", "secret pw"],
    ["action", "password"],
  ]);
});

test("a page without a password field has no login form", () => {
  expect(findLoginForm('<form method="post"><input name="x"></form>')).toBeUndefined();
});

test("the cookie jar keeps cookies and drops expired ones", () => {
  const jar = new CookieJar();
  const headers = new Headers();
  headers.append("set-cookie", "sid=abc; Path=/; HttpOnly");
  headers.append("set-cookie", "flow=1; Path=/login");
  jar.store(new Response(null, { headers }));
  expect(jar.header()).toBe("sid=abc; flow=1");
  const expire = new Headers({ "set-cookie": "flow=; Max-Age=0" });
  jar.store(new Response(null, { headers: expire }));
  expect(jar.header()).toBe("sid=abc");
});
