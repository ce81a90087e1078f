/**
 * The hosted pages' passkey glue, run after `@simplewebauthn/browser`. Without JavaScript (or
 * WebAuthn) its buttons stay hidden and the password and code forms work as before. A button
 * carries its ceremony options in `data-options`; the result goes back in the form's
 * `passkey_response` field. Sign-in also starts conditional mediation for the username field's
 * autofill (`autocomplete="username webauthn"`), and marks the login form `passkey_capable` when the
 * device has a user-verifying platform authenticator (the passkey offer after sign-in needs one).
 */
export const PASSKEY_JS = `(() => {
  const W = window.SimpleWebAuthnBrowser;
  if (!W || !W.browserSupportsWebAuthn()) return;
  const send = (form, result) => {
    form.elements.namedItem("passkey_response").value = JSON.stringify(result);
    form.submit();
  };
  const fail = (button) => {
    const note = document.getElementById(button.dataset.error);
    if (!note) return;
    note.setAttribute("role", "alert");
    note.hidden = false;
  };
  const wire = (id, start) => {
    const button = document.getElementById(id);
    if (!button) return null;
    const optionsJSON = JSON.parse(button.dataset.options);
    button.hidden = false;
    button.addEventListener("click", () => {
      start({ optionsJSON }).then((r) => send(button.form, r), () => fail(button));
    });
    return { button, optionsJSON };
  };
  // Tells the password step this device can make a passkey, so it may offer one afterwards.
  W.platformAuthenticatorIsAvailable().then((ok) => {
    if (!ok) return;
    for (const input of document.querySelectorAll('input[name="passkey_capable"]')) input.value = "1";
  });
  const signIn = wire("passkey-sign-in", W.startAuthentication);
  wire("passkey-register", W.startRegistration);
  if (signIn) {
    W.browserSupportsWebAuthnAutofill().then((ok) => {
      if (!ok) return;
      W.startAuthentication({ optionsJSON: signIn.optionsJSON, useBrowserAutofill: true })
        .then((r) => send(signIn.button.form, r), () => {});
    });
  }
})();
`;
