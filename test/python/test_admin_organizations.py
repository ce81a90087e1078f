"""authpi-admin drives organizations and memberships; the IdP's tokens follow them."""

from __future__ import annotations

import time

from authpi_admin import AuthPIAdmin
from authpi_idp import IdpClient

from idp_login import login


async def test_organizations_and_members_through_the_admin_sdk(dev: dict) -> None:
    async with AuthPIAdmin(
        api_key=(dev["api_key_id"], dev["api_key_secret"]),
        account_id=dev["account_id"],
        base_url=dev["core_api_url"],
    ) as admin:
        issuer = admin.issuer(dev["issuer_id"])
        org = await issuer.organizations.create({"name": "Acme", "org_type": "business"})
        assert org.id.startswith("org_")
        listed = await issuer.organizations.list(limit=100)
        assert org.id in [o.id for o in listed.data]
        renamed = await issuer.organizations.update(org.id, {"name": "Acme Inc"})
        assert renamed.name == "Acme Inc"

        members = issuer.organization(org.id).members
        membership = await members.create({"member_id": dev["user"]["id"], "scopes": ["projects:read"]})
        assert membership.scopes == ["projects:read"]

        web = dev["clients"]["web"]
        async with IdpClient(
            issuer_url=dev["issuer_url"],
            client_id=web["client_id"],
            client_secret=web["client_secret"],
            redirect_uri=web["redirect_uris"][0],
        ) as idp:
            auth = idp.create_authorization_url(scopes=["openid", "email", "offline_access"])
            agent = await idp.exchange_callback(login(auth.url, dev["user"]["username"], dev["user"]["password"]), auth)
            assert agent.has_access_in(org.id, "read", "projects")
            assert not agent.has_access_in(org.id, "write", "projects")

            # Propagation: the change shows after the next refresh.
            await members.update(dev["user"]["id"], {"scopes": ["projects:*"]})
            stored = agent.tokens.model_dump()
            stored["expires_at"] = int(time.time()) - 10
            refreshed = await idp.create_agent(stored, on_refresh=lambda tokens: None)
            assert refreshed.has_access_in(org.id, "write", "projects")

            await members.delete(dev["user"]["id"])
            await issuer.organizations.delete(org.id)
