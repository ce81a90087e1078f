"""Walker cases for the account level: accounts, API keys, personal tokens, events, whoami."""

from __future__ import annotations

import pytest
from authpi_admin import AuthPIAdmin, ClosedClientError
from authpi_admin.types import CreateAccountApiKey, UpdateApiKey

from surface_world import World, case, conforms, unique


@case("admin.whoami")
async def whoami(w: World) -> None:
    me = await w.admin.whoami()
    assert me["type"] == "api_key"
    assert me["key_id"] == w.key_id
    assert me["accounts"][0]["account_id"] == w.dev["account_id"]
    assert isinstance(me["organizations"], list)


@case("admin.close")
async def close(w: World) -> None:
    admin = AuthPIAdmin(
        api_key=(w.dev["api_key_id"], w.dev["api_key_secret"]), base_url=w.dev["core_api_url"]
    )
    await admin.issuers.list(limit=1)
    await admin.close()
    with pytest.raises(ClosedClientError):
        await admin.issuers.list(limit=1)


@case("admin.accounts.list", "admin.accounts.list_all")
async def accounts_list(w: World) -> None:
    page = await w.admin.accounts.list()
    assert [a.id for a in page.data] == [w.dev["account_id"]]
    assert [a.id async for a in w.admin.accounts.list_all()] == [w.dev["account_id"]]


@case("admin.accounts.get", "admin.accounts.update")
async def accounts_get_update(w: World) -> None:
    account = await w.admin.accounts.get(w.dev["account_id"])
    updated = await w.admin.accounts.update(
        account.id, {"metadata": {"walker": True}}, if_match=account._etag
    )
    assert updated.metadata.model_dump() == {"walker": True}


async def _account_key(w: World) -> str:
    created = await w.admin.api_keys.create(
        conforms(
            CreateAccountApiKey,
            {"name": unique("walker key"), "restrictions": {"scopes": ["issuers:read"]}},
        )
    )
    assert created.secret_plain and created.secret["hint"] == created.secret_plain[-8:]
    return created.id


@case("admin.api_keys.create", "admin.api_keys.get", "admin.api_keys.update")
async def api_keys_crud(w: World) -> None:
    key_id = await _account_key(w)
    key = await w.admin.api_keys.get(key_id)
    body = conforms(UpdateApiKey, {"name": "renamed", "tags": ["walker"]})
    updated = await w.admin.api_keys.update(key_id, body, if_match=key._etag)
    assert updated.name == "renamed"


@case("admin.api_keys.list", "admin.api_keys.list_all")
async def api_keys_list(w: World) -> None:
    key_id = await _account_key(w)
    page = await w.admin.api_keys.list(limit=100)
    item = next(k for k in page.data if k.id == key_id)
    assert item.secret_hint and item.scopes == ["issuers:read"]
    assert key_id in [k.id async for k in w.admin.api_keys.list_all()]


@case("admin.api_keys.block", "admin.api_keys.unblock", "admin.api_keys.revoke")
async def api_keys_status(w: World) -> None:
    key_id = await _account_key(w)
    assert (await w.admin.api_keys.block(key_id, {"reason": "walker"})).status == "blocked"
    assert (await w.admin.api_keys.unblock(key_id)).status == "active"
    revoked = await w.admin.api_keys.revoke(key_id)
    assert revoked.status == "revoked"


@case("admin.api_keys.rotate", "admin.api_keys.delete")
async def api_keys_rotate_delete(w: World) -> None:
    key_id = await _account_key(w)
    rotated = await w.admin.api_keys.rotate(key_id)
    assert rotated.secret_plain
    await w.admin.api_keys.delete(key_id)


async def _personal_token(w: World) -> str:
    await w.issuer.user(w.user_id).tokens.create(
        {"name": unique("walker pat"), "restrictions": {"scopes": ["projects:read"]}}
    )
    page = await w.issuer.user(w.user_id).tokens.list(limit=1)
    return page.data[0].id


@case("admin.tokens.get")
async def tokens_get(w: World) -> None:
    token_id = await _personal_token(w)
    token = await w.admin.tokens.get(token_id)
    assert token.user_id == w.user_id and token.issuer_id == w.issuer_id
    assert token.status == "active"


@case("admin.tokens.revoke")
async def tokens_revoke(w: World) -> None:
    token_id = await _personal_token(w)
    revoked = await w.admin.tokens.revoke(token_id, {"reason": "walker"})
    assert revoked.status == "revoked" and revoked.status_reason == "walker"


@case("admin.tokens.delete")
async def tokens_delete(w: World) -> None:
    token_id = await _personal_token(w)
    await w.admin.tokens.delete(token_id)
    listed = await w.issuer.user(w.user_id).tokens.list(limit=100)
    assert token_id not in [t.id for t in listed.data]


@case("admin.events.list", "admin.events.list_all", "admin.events.get")
async def events_read(w: World) -> None:
    page = await w.admin.events.list(issuer_id=w.issuer_id, event_types="user.created", limit=5)
    assert page.data and all(e.type == "user.created" for e in page.data)
    first = await w.admin.events.get(page.data[0].id)
    assert first.id == page.data[0].id
    count = 0
    async for _ in w.admin.events.list_all(issuer_id=w.issuer_id, limit=2):
        count += 1
    assert count >= 3


@case("admin.events.aggregate")
async def events_aggregate(w: World) -> None:
    total = await w.admin.events.aggregate(issuer_id=w.issuer_id, event_types="user.created")
    assert total.interval is None and total.group_by is None
    assert total.buckets[0]["count"] >= 1
    by_type = await w.admin.events.aggregate(issuer_id=w.issuer_id, group_by="type")
    assert any(b["key"] == "organization.created" for b in by_type.buckets)
    hourly = await w.admin.events.aggregate(
        issuer_id=w.issuer_id, interval="hour", count_unique="subject_id"
    )
    assert hourly.interval == "hour" and "unique" in hourly.buckets[0]
