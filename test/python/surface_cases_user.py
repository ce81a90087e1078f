"""Walker cases for one user: the user scope, their sessions, personal tokens and verifiers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

import httpx
import pytest
from authpi_admin import NotFoundError

from surface_world import World, case, unique


def totp(secret_base32: str, at: float | None = None) -> str:
    """RFC 6238 with SHA-1, 6 digits, 30-second steps (what the enrollment URI says)."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@case("admin.issuer().user().get", "admin.issuer().user().update", "admin.issuer().user().delete")
async def user_scope(w: World) -> None:
    user_id, username = await w.new_user(password=None)
    scope = w.issuer.user(user_id)
    got = await scope.get()
    assert got.username == username
    updated = await scope.update({"profile": {"first_name": "Scoped"}}, if_match=got._etag)
    assert updated.profile["first_name"] == "Scoped"
    await scope.delete()
    with pytest.raises(NotFoundError):
        await scope.get()


@case("admin.issuer().user().sessions.list", "admin.issuer().user().sessions.list_all")
async def user_sessions(w: World) -> None:
    user_id, username = await w.new_user()
    await w.sign_in(username=username)
    sessions = w.issuer.user(user_id).sessions
    listed = await sessions.list()
    assert {s.type for s in listed.data} == {"op", "rp"}
    assert len([s async for s in sessions.list_all(status="active")]) == 2


@case(
    "admin.issuer().user().tokens.create",
    "admin.issuer().user().tokens.list",
    "admin.issuer().user().tokens.list_all",
)
async def user_tokens(w: World) -> None:
    user_id, _ = await w.new_user()
    tokens = w.issuer.user(user_id).tokens
    created = await tokens.create(
        {"name": unique("cli"), "restrictions": {"scopes": ["openid", "email"]}}
    )
    assert created.token_plain.startswith("ptk_")
    listed = await tokens.list(status="active")
    assert [t.user_id for t in listed.data] == [user_id]
    assert listed.data[0].scopes == ["openid", "email"]
    assert [t.id async for t in tokens.list_all()] == [listed.data[0].id]
    # The personal token is a real credential of our IdP: /userinfo answers for its user.
    info = httpx.get(
        f"{w.issuer_url}/userinfo", headers={"authorization": f"Bearer {created.token_plain}"}
    )
    assert info.status_code == 200, info.text
    assert info.json()["sub"] == user_id
    found = await w.issuer.tokens.introspect({"token": created.token_plain})
    assert found["active"] is True and found["sub"] == user_id


@case("admin.issuer().user().verifiers.create", "admin.issuer().user().verifiers.get")
async def verifiers_password(w: World) -> None:
    user_id, _ = await w.new_user(password=None)
    verifiers = w.issuer.user(user_id).verifiers
    created = await verifiers.create({"type": "password", "password": "a brand new password"})
    assert created.enrollment_id
    got = await verifiers.get(created.enrollment_id)
    assert got.model_dump()["type"] == "password"


@case(
    "admin.issuer().user().verifiers.complete_enrollment",
    "admin.issuer().user().verifiers.list",
    "admin.issuer().user().verifiers.list_all",
    "admin.issuer().user().verifiers.verify",
    "admin.issuer().user().verifiers.regenerate",
    "admin.issuer().user().verifiers.update",
    "admin.issuer().user().verifiers.delete",
)
async def verifiers_totp(w: World) -> None:
    user_id, _ = await w.new_user()
    verifiers = w.issuer.user(user_id).verifiers
    enrollment = await verifiers.create({"type": "totp_app", "name": "phone"})
    done = await verifiers.complete_enrollment(
        {"enrollment_id": enrollment.enrollment_id, "code": totp(enrollment.secret)}
    )
    assert done.success and done.backup_codes and len(done.backup_codes) == 10
    listed = {v.model_dump()["type"]: v.model_dump()["id"] for v in (await verifiers.list()).data}
    assert set(listed) == {"password", "totp_app", "backup_codes"}
    assert len([v async for v in verifiers.list_all()]) == 3
    checked = await verifiers.verify(listed["totp_app"], {"code": totp(enrollment.secret)})
    assert checked.success
    used = await verifiers.verify(listed["backup_codes"], {"code": done.backup_codes[0]})
    assert used.success and used.remaining == 9
    fresh = await verifiers.regenerate(listed["backup_codes"])
    assert len(fresh.codes) == 10
    renamed = await verifiers.update(listed["totp_app"], {"name": "old phone"})
    assert renamed.model_dump()["name"] == "old phone"
    await verifiers.delete(listed["totp_app"])
    with pytest.raises(NotFoundError):
        await verifiers.get(listed["totp_app"])
