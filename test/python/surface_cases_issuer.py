"""Walker cases for issuers and what hangs off them: clients, agents, sessions, tokens, users."""

from __future__ import annotations

import pytest
from authpi_admin import NotFoundError
from authpi_admin.types import CreateIssuerInput

from surface_world import REDIRECT_URI, World, case, conforms, unique


@case("admin.issuers.create", "admin.issuers.get", "admin.issuers.update", "admin.issuers.delete")
async def issuers_crud(w: World) -> None:
    body = conforms(CreateIssuerInput, {"name": unique("walker crud"), "description": "x"})
    issuer = await w.admin.issuers.create(body)
    got = await w.admin.issuers.get(issuer.id)
    updated = await w.admin.issuers.update(issuer.id, {"name": "renamed"}, if_match=got._etag)
    assert updated.name == "renamed"
    await w.admin.issuers.delete(issuer.id)
    with pytest.raises(NotFoundError):
        await w.admin.issuers.get(issuer.id)


@case("admin.issuers.list", "admin.issuers.list_all")
async def issuers_list(w: World) -> None:
    page = await w.admin.issuers.list(limit=100)
    assert w.issuer_id in [i.id for i in page.data]
    assert w.issuer_id in [i.id async for i in w.admin.issuers.list_all(limit=100)]


@case("admin.issuer().get", "admin.issuer().update", "admin.issuer().delete")
async def issuer_scope(w: World) -> None:
    issuer = await w.admin.issuers.create({"name": unique("walker scope")})
    scope = w.admin.issuer(issuer.id)
    got = await scope.get()
    updated = await scope.update({"description": "scoped"}, if_match=got._etag)
    assert updated.description == "scoped"
    await scope.delete()
    with pytest.raises(NotFoundError):
        await scope.get()


@case(
    "admin.issuer().clients.create",
    "admin.issuer().clients.get",
    "admin.issuer().clients.update",
    "admin.issuer().clients.delete",
)
async def clients_crud(w: World) -> None:
    clients = w.issuer.clients
    created = await clients.create(
        {"name": unique("walker spa"), "type": "spa", "settings": {"redirect_uris": [REDIRECT_URI]}}
    )
    assert created.secret is None and not created.confidential
    got = await clients.get(created.id)
    updated = await clients.update(created.id, {"name": "renamed"}, if_match=got._etag)
    assert updated.name == "renamed"
    await clients.delete(created.id)
    with pytest.raises(NotFoundError):
        await clients.get(created.id)


@case("admin.issuer().clients.list", "admin.issuer().clients.list_all")
async def clients_list(w: World) -> None:
    page = await w.issuer.clients.list(limit=100)
    assert {w.client_id, w.m2m_id} <= {c.id for c in page.data}
    assert w.client_id in [c.id async for c in w.issuer.clients.list_all()]


@case("admin.issuer().clients.rotate_secret")
async def clients_rotate_secret(w: World) -> None:
    created = await w.issuer.clients.create({"name": unique("walker m2m"), "type": "m2m"})
    rotated = await w.issuer.clients.rotate_secret(created.id)
    assert rotated.secret and rotated.secret != created.secret


@case(
    "admin.issuer().agents.create",
    "admin.issuer().agents.get",
    "admin.issuer().agents.update",
    "admin.issuer().agents.delete",
)
async def agents_crud(w: World) -> None:
    agents = w.issuer.agents
    agent = await agents.create({"name": unique("walker agent"), "scopes": ["tickets:read"]})
    got = await agents.get(agent.id)
    updated = await agents.update(agent.id, {"model": "gpt-test"}, if_match=got._etag)
    assert updated.model == "gpt-test"
    await agents.delete(agent.id)
    with pytest.raises(NotFoundError):
        await agents.get(agent.id)


@case("admin.issuer().agents.list", "admin.issuer().agents.list_all")
async def agents_list(w: World) -> None:
    agent = await w.issuer.agents.create({"name": unique("walker listed")})
    assert agent.id in [a.id for a in (await w.issuer.agents.list(limit=100)).data]
    assert agent.id in [a.id async for a in w.issuer.agents.list_all()]


@case(
    "admin.issuer().agent().get",
    "admin.issuer().agent().update",
    "admin.issuer().agent().delete",
)
async def agent_scope(w: World) -> None:
    agent = await w.issuer.agents.create({"name": unique("walker scoped agent")})
    scope = w.issuer.agent(agent.id)
    got = await scope.get()
    updated = await scope.update({"status": "suspended"}, if_match=got._etag)
    assert updated.status == "suspended"
    await scope.delete()
    with pytest.raises(NotFoundError):
        await scope.get()


@case(
    "admin.issuer().agent().verifiers.create",
    "admin.issuer().agent().verifiers.list",
    "admin.issuer().agent().verifiers.list_all",
    "admin.issuer().agent().verifiers.delete",
)
async def agent_verifiers(w: World) -> None:
    agent = await w.issuer.agents.create({"name": unique("walker verified")})
    verifiers = w.issuer.agent(agent.id).verifiers
    secret = await verifiers.create({"type": "secret", "name": "ci"})
    assert secret.secret and secret.secret.startswith("ags_")
    wallet = await verifiers.create({"type": "wallet", "address": "eip155:8453:0xabc123"})
    assert {secret.id, wallet.id} == {v.id for v in (await verifiers.list()).data}
    assert len([v async for v in verifiers.list_all()]) == 2
    await verifiers.delete(wallet.id)
    assert [v.id for v in (await verifiers.list()).data] == [secret.id]


@case(
    "admin.issuer().users.create",
    "admin.issuer().users.get",
    "admin.issuer().users.update",
    "admin.issuer().users.delete",
)
async def users_crud(w: World) -> None:
    users = w.issuer.users
    user = await users.create(
        {
            "username_type": "email",
            "username": f"{unique('crud')}@example.com",
            "profile": {"first_name": "Walk", "last_name": "Er"},
        }
    )
    got = await users.get(user.id)
    updated = await users.update(user.id, {"custom_fields": {"tier": "gold"}}, if_match=got._etag)
    assert updated.custom_fields == {"tier": "gold"}
    await users.delete(user.id)
    with pytest.raises(NotFoundError):
        await users.get(user.id)


@case("admin.issuer().users.list", "admin.issuer().users.list_all")
async def users_list(w: World) -> None:
    page = await w.issuer.users.list(limit=100)
    assert w.user_id in [u.user_id for u in page.data]
    assert w.user_id in [u.user_id async for u in w.issuer.users.list_all()]


@case(
    "admin.issuer().sessions.get",
    "admin.issuer().sessions.suspend",
    "admin.issuer().sessions.reactivate",
    "admin.issuer().sessions.revoke",
)
async def issuer_sessions(w: World) -> None:
    user_id, username = await w.new_user()
    await w.sign_in(username=username)
    listed = await w.issuer.user(user_id).sessions.list(status="active")
    op = next(s for s in listed.data if s.type == "op")
    sessions = w.issuer.sessions
    assert (await sessions.get(op.id)).status == "active"
    assert (await sessions.suspend(op.id, {"reason": "walker"})).status == "suspended"
    assert (await sessions.reactivate(op.id)).status == "active"
    revoked = await sessions.revoke(op.id, {"reason": "walker"})
    assert revoked.status == "revoked" and revoked.revoked_reason == "walker"


@case("admin.issuer().tokens.introspect")
async def issuer_tokens_introspect(w: World) -> None:
    agent = await w.sign_in()
    access = await w.issuer.tokens.introspect({"token": agent.tokens.access_token})
    assert access["active"] is True and access["sub"] == w.user_id
    refresh = await w.issuer.tokens.introspect({"token": agent.tokens.refresh_token})
    assert refresh["active"] is True and refresh["token_type"] == "refresh_token"
    async with w.idp() as idp:
        await idp.revoke_token(agent.tokens.refresh_token, "refresh_token")
    gone = await w.issuer.tokens.introspect({"token": agent.tokens.refresh_token})
    assert gone["active"] is False
    assert (await w.issuer.tokens.introspect({"token": "nonsense"}))["active"] is False
