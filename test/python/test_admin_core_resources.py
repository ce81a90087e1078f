"""authpi-admin drives issuers, users, clients, agents, invitations and sessions, unchanged."""

from __future__ import annotations

import pytest
from authpi_admin import AuthPIAdmin
from authpi_admin.errors import NotFoundError, PreconditionFailedError


def admin_for(dev: dict, **kwargs) -> AuthPIAdmin:
    return AuthPIAdmin(
        api_key=(dev["api_key_id"], dev["api_key_secret"]),
        base_url=dev["core_api_url"],
        **kwargs,
    )


async def test_the_sdk_resolves_the_account_through_v1_me(dev: dict) -> None:
    async with admin_for(dev) as admin:
        me = await admin.whoami()
        assert me["accounts"][0]["account_id"] == dev["account_id"]
        issuers = await admin.issuers.list(limit=10)
    assert dev["issuer_id"] in [i.id for i in issuers.data]


async def test_issuer_create_list_update_delete(dev: dict) -> None:
    async with admin_for(dev, account_id=dev["account_id"]) as admin:
        issuer = await admin.issuers.create({"name": "sdk-issuer", "description": "from pytest"})
        assert issuer.id.startswith("i_")
        listed = await admin.issuers.list(limit=100)
        assert issuer.id in [i.id for i in listed.data]
        got = await admin.issuers.get(issuer.id)
        updated = await admin.issuers.update(
            issuer.id,
            {"name": "sdk-issuer-renamed", "settings": {"access": {"sessions": {"max_age": 3600}}}},
            if_match=got._etag,
        )
        assert updated.name == "sdk-issuer-renamed"
        assert updated.settings["access"]["sessions"]["max_age"] == 3600
        with pytest.raises(PreconditionFailedError):
            await admin.issuers.update(issuer.id, {"name": "stale"}, if_match=got._etag)
        await admin.issuers.delete(issuer.id)
        with pytest.raises(NotFoundError):
            await admin.issuers.get(issuer.id)


async def test_user_create_list_update_delete(dev: dict) -> None:
    async with admin_for(dev, account_id=dev["account_id"]) as admin:
        users = admin.issuer(dev["issuer_id"]).users
        user = await users.create(
            {
                "username_type": "email",
                "username": "sdk.user@example.com",
                "password": "a long enough password",
                "profile": {"first_name": "Sdk", "last_name": "User"},
            }
        )
        assert user.id.startswith("usr_")
        listed = await users.list(limit=100)
        assert user.id in [u.user_id for u in listed.data]
        got = await users.get(user.id)
        updated = await users.update(
            user.id, {"custom_fields": {"tier": "gold"}}, if_match=got._etag
        )
        assert updated.custom_fields == {"tier": "gold"}
        with pytest.raises(PreconditionFailedError):
            await users.update(user.id, {"scopes": []}, if_match=got._etag)
        blocked = await users.update(user.id, {"status": "blocked"})
        assert blocked.status == "suspended"
        sessions = await admin.issuer(dev["issuer_id"]).user(user.id).sessions.list()
        assert sessions.data == []
        await users.delete(user.id)
        with pytest.raises(NotFoundError):
            await users.get(user.id)


async def test_clients_agents_and_invitations(dev: dict) -> None:
    async with admin_for(dev, account_id=dev["account_id"]) as admin:
        issuer = admin.issuer(dev["issuer_id"])
        client = await issuer.clients.create(
            {"name": "sdk-m2m", "type": "m2m", "settings": {"scopes": ["reports:read"]}}
        )
        assert client.confidential
        found = await issuer.clients.list(name="sdk-m2m")
        assert [c.id for c in found.data] == [client.id]

        agent = await issuer.agents.create({"name": "sdk-agent", "scopes": ["tickets:read"]})
        assert agent.id.startswith("agt_")
        verifier = await issuer.agent(agent.id).verifiers.create({"type": "secret"})
        assert verifier.secret and verifier.secret.startswith("ags_")
        listed = await issuer.agents.list(has_verifiers="true")
        assert agent.id in [a.id for a in listed.data]

        org = await issuer.organizations.create({"name": "Invites Inc"})
        invitations = issuer.organization(org.id).invitations
        invitation = await invitations.create(
            {"email_invited": "new.hire@example.com", "scopes": ["member"]}
        )
        assert invitation.status == "pending"
        await invitations.revoke(invitation.id)
        revoked = await invitations.get(invitation.id)
        assert revoked.status == "revoked"


async def test_sessions_and_factors_of_a_signed_in_user(dev: dict) -> None:
    from authpi_idp import IdpClient
    from idp_login import login

    web = dev["clients"]["web"]
    async with IdpClient(
        issuer_url=dev["issuer_url"],
        client_id=web["client_id"],
        client_secret=web["client_secret"],
        redirect_uri=web["redirect_uris"][0],
    ) as idp, admin_for(dev, account_id=dev["account_id"]) as admin:
        auth = idp.create_authorization_url(scopes=["openid", "email", "offline_access"])
        await idp.exchange_callback(
            login(auth.url, dev["user"]["username"], dev["user"]["password"]), auth
        )
        issuer = admin.issuer(dev["issuer_id"])
        user = issuer.user(dev["user"]["id"])
        sessions = await user.sessions.list(status="active")
        op = next(s for s in sessions.data if s.type == "op")
        assert any(s.op_session_id == op.id for s in sessions.data)
        got = await issuer.sessions.get(op.id)
        assert got.status == "active"
        revoked = await issuer.sessions.revoke(op.id, {"reason": "sdk test"})
        assert revoked.status == "revoked"
        assert revoked.revoked_reason == "sdk test"

        enrollment = await user.verifiers.create({"type": "totp_app", "name": "phone"})
        assert enrollment.provisioning_uri.startswith("otpauth://totp/")
        factors = await user.verifiers.list()
        assert factors.data
