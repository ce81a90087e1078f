"""The public authpi-idp SDK against our IdP API, unchanged."""

from __future__ import annotations

import time

import pytest
from authpi_idp import IdpClient

from idp_login import login


def _web_client(dev: dict) -> IdpClient:
    web = dev["clients"]["web"]
    return IdpClient(
        issuer_url=dev["issuer_url"],
        client_id=web["client_id"],
        client_secret=web["client_secret"],
        redirect_uri=web["redirect_uris"][0],
    )


async def test_login_exchange_and_refresh_with_on_refresh(dev: dict) -> None:
    async with _web_client(dev) as idp:
        auth = idp.create_authorization_url(scopes=["openid", "profile", "email", "offline_access"])
        callback = login(auth.url, dev["user"]["username"], dev["user"]["password"])
        agent = await idp.exchange_callback(callback, auth)
        assert agent.id == dev["user"]["id"]
        assert agent.email == dev["user"]["username"]
        assert agent.organizations == []
        assert not agent.has_access_in("org_unknown", "read", "projects")

        stored = agent.tokens.model_dump()
        stored["expires_at"] = int(time.time()) - 10
        persisted: list[dict] = []
        refreshed = await idp.create_agent(stored, on_refresh=persisted.append)
        assert len(persisted) == 1
        assert persisted[0]["refresh_token"] != stored["refresh_token"]
        assert refreshed.id == dev["user"]["id"]

        info = await idp.get_user_info(refreshed)
        assert info.sub == dev["user"]["id"]
        assert info.organizations == []


async def test_refresh_after_logout_reports_the_session_over(dev: dict) -> None:
    async with _web_client(dev) as idp:
        auth = idp.create_authorization_url(scopes=["openid", "offline_access"])
        agent = await idp.exchange_callback(login(auth.url, dev["user"]["username"], dev["user"]["password"]), auth)
        await idp.revoke_token(agent.tokens.refresh_token, "refresh_token")
        stored = agent.tokens.model_dump()
        stored["expires_at"] = int(time.time()) - 10
        errors: list[Exception] = []
        with pytest.raises(Exception):
            await idp.create_agent(stored, on_refresh_error=errors.append)
        assert len(errors) == 1


async def test_client_credentials(dev: dict) -> None:
    m2m = dev["clients"]["m2m"]
    async with IdpClient(
        issuer_url=dev["issuer_url"], client_id=m2m["client_id"], client_secret=m2m["client_secret"]
    ) as idp:
        agent = await idp.client_credentials(scopes=["api:read"])
    assert agent.id == m2m["client_id"]
    assert agent.tokens.scope == "api:read"
