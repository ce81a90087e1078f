"""Walker cases for authpi-idp's IdpClient and IdpClientSync against our IdP API."""

from __future__ import annotations

import time

import httpx
import pytest
from authpi_idp import IdpClient, IdpClientSync, LogoutOptions, OAuthError, RefreshError

from idp_login import login
from surface_world import PASSWORD, World, case


def _expired(tokens: dict) -> dict:
    return {**tokens, "expires_at": int(time.time()) - 10}


@case("IdpClient.create_authorization_url", "IdpClient.exchange_callback")
async def selected_org_login(w: World) -> None:
    agent = await w.sign_in(org=w.org_id)
    assert agent.id == w.user_id and agent.org_id == w.org_id
    assert [o.id for o in agent.organizations] == [w.org_id]
    assert agent.has_access_in(w.org_id, "read", "projects")


@case("IdpClient.exchange_code")
async def exchange_code(w: World) -> None:
    async with w.idp() as idp:
        auth = idp.create_authorization_url(scopes=["openid", "email"])
        callback = httpx.URL(login(auth.url, w.username, PASSWORD))
        agent = await idp.exchange_code(callback.params["code"], auth.code_verifier)
    assert agent.id == w.user_id and agent.email == w.username


@case("IdpClient.create_agent", "IdpClient.refresh")
async def refresh(w: World) -> None:
    agent = await w.sign_in(org=w.org_id)
    async with w.idp() as idp:
        persisted: list[dict] = []
        stored = _expired(agent.tokens.model_dump())
        renewed = await idp.create_agent(stored, on_refresh=persisted.append)
        assert persisted and renewed.org_id == w.org_id
        again = await idp.refresh(renewed)
        assert again.id == w.user_id and again.tokens.refresh_token != renewed.tokens.refresh_token


@case("IdpClient.get_user_info")
async def user_info(w: World) -> None:
    agent = await w.sign_in(["openid", "email"], org=w.org_id)
    async with w.idp() as idp:
        info = await idp.get_user_info(agent)
    assert info.sub == w.user_id and info.email == w.username
    assert info.org_id == w.org_id and [o.id for o in info.organizations or []] == [w.org_id]


@case("IdpClient.revoke_token")
async def revoke_token(w: World) -> None:
    agent = await w.sign_in()
    async with w.idp() as idp:
        await idp.revoke_token(agent.tokens.refresh_token, "refresh_token")
        with pytest.raises(RefreshError):
            await idp.refresh(agent)


@case("IdpClient.client_credentials")
async def client_credentials(w: World) -> None:
    async with IdpClient(
        issuer_url=w.issuer_url, client_id=w.m2m_id, client_secret=w.m2m_secret
    ) as idp:
        agent = await idp.client_credentials(scopes=["reports:read"])
        assert agent.id == w.m2m_id and agent.has_access("read", "reports")
        with pytest.raises(OAuthError):
            await idp.client_credentials(scopes=["reports:write"])


@case("IdpClient.create_logout_url", "IdpClient.close")
async def logout(w: World) -> None:
    agent = await w.sign_in()
    idp = w.idp()
    url = idp.create_logout_url(LogoutOptions(id_token_hint=agent.tokens.id_token, state="s"))
    page = httpx.get(url)
    assert page.status_code == 200, page.text[:300]
    gone = await w.issuer.tokens.introspect({"token": agent.tokens.refresh_token})
    assert gone["active"] is False
    await idp.get_user_info(await w.sign_in())
    await idp.close()


async def _native_client(w: World) -> str:
    """The native-client registration body of the authpi-idp README, verbatim in shape."""
    if "native" not in w.extra:
        created = await w.issuer.clients.create(
            {
                "confidential": False,
                "settings": {
                    "openid": {
                        "application_type": "native",
                        "redirect_uris": ["http://127.0.0.1/callback"],
                    }
                },
            }
        )
        assert created.secret is None and created.type == "native"
        w.extra["native"] = created.id
    return w.extra["native"]


def _sync(w: World, client_id: str, port: int = 53682) -> IdpClientSync:
    return IdpClientSync(
        issuer_url=w.issuer_url,
        client_id=client_id,
        redirect_uri=f"http://127.0.0.1:{port}/callback",
    )


@case(
    "IdpClientSync.create_authorization_url",
    "IdpClientSync.exchange_callback",
    "IdpClientSync.get_user_info",
)
async def native_loopback_login(w: World) -> None:
    with _sync(w, await _native_client(w)) as idp:
        auth = idp.create_authorization_url(scopes=["openid", "profile", "email"])
        agent = idp.exchange_callback(login(auth.url, w.username, PASSWORD), auth)
        assert agent.id == w.user_id
        assert idp.get_user_info(agent).email == w.username


@case("IdpClientSync.exchange_code", "IdpClientSync.refresh", "IdpClientSync.create_agent")
async def native_refresh(w: World) -> None:
    with _sync(w, await _native_client(w), port=61023) as idp:
        auth = idp.create_authorization_url(scopes=["openid", "offline_access"])
        code = httpx.URL(login(auth.url, w.username, PASSWORD)).params["code"]
        agent = idp.exchange_code(code, auth.code_verifier)
        renewed = idp.refresh(agent)
        assert renewed.tokens.refresh_token != agent.tokens.refresh_token
        again = idp.create_agent(_expired(renewed.tokens.model_dump()))
        assert again.id == w.user_id


@case("IdpClientSync.revoke_token", "IdpClientSync.create_logout_url", "IdpClientSync.close")
async def native_revoke_logout(w: World) -> None:
    idp = _sync(w, await _native_client(w))
    auth = idp.create_authorization_url(scopes=["openid", "offline_access"])
    agent = idp.exchange_callback(login(auth.url, w.username, PASSWORD), auth)
    idp.revoke_token(agent.tokens.refresh_token, "refresh_token")
    with pytest.raises(RefreshError):
        idp.refresh(agent)
    logout = idp.create_logout_url(LogoutOptions(id_token_hint=agent.tokens.id_token))
    assert httpx.get(logout).status_code == 200
    idp.close()


@case("IdpClientSync.client_credentials")
async def sync_client_credentials(w: World) -> None:
    with IdpClientSync(
        issuer_url=w.issuer_url, client_id=w.m2m_id, client_secret=w.m2m_secret
    ) as idp:
        agent = idp.client_credentials(scopes=["reports:read"])
    assert agent.tokens.scope == "reports:read"
