import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

/**
 * The front-channel logout page (OIDC Front-Channel Logout 1.0 §4): one hidden iframe per
 * relying party whose session ended, then on to the post-logout redirect URI once they loaded
 * (or after three seconds, so a slow RP never holds the user); without scripts the person
 * presses Continue. Without a redirect URI the heading turns into "You are signed out.".
 */
export function frontChannelLogoutPage(
  frame: PageFrame,
  uris: string[],
  continueTo: string | null,
) {
  const t = frame.t.frontChannelLogout;
  const frames = uris.map(
    (uri) =>
      html`<iframe class="logout-frame" src="${uri}" title="${t.frameTitle}" width="0" height="0" hidden></iframe>`,
  );
  const next = continueTo
    ? html`<p class="links"><a id="continue" href="${continueTo}">${t.continueAction}</a></p>`
    : "";
  return layout(
    frame,
    t.title,
    html`<h1 id="heading" aria-live="polite" data-done="${t.done}">${t.heading}</h1>
    ${frames}
    ${next}
    <script nonce="${frame.nonce}">
      (function () {
        var frames = document.querySelectorAll("iframe.logout-frame");
        var left = frames.length;
        var finished = false;
        function finish() {
          if (finished) return;
          finished = true;
          var link = document.getElementById("continue");
          if (link) return window.location.replace(link.getAttribute("href"));
          // Without a redirect, the heading says what happened once it has (announced politely).
          var heading = document.getElementById("heading");
          heading.textContent = heading.getAttribute("data-done");
        }
        frames.forEach(function (f) {
          f.addEventListener("load", function () { if (--left <= 0) finish(); });
        });
        setTimeout(finish, 3000);
      })();
    </script>`,
  );
}
