import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

/**
 * The front-channel logout page (OIDC Front-Channel Logout 1.0 §4): one hidden iframe per
 * relying party whose session ended, then on to the post-logout redirect URI once they loaded
 * (or after three seconds, so a slow RP never holds the user); without scripts the person
 * presses Continue.
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
    : html`<p class="muted" id="done" hidden>${t.done}</p>`;
  return layout(
    frame,
    t.title,
    html`<h1>${t.heading}</h1>
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
          if (link) window.location.replace(link.getAttribute("href"));
          var done = document.getElementById("done");
          if (done) done.hidden = false;
        }
        frames.forEach(function (f) {
          f.addEventListener("load", function () { if (--left <= 0) finish(); });
        });
        setTimeout(finish, 3000);
      })();
    </script>`,
  );
}
