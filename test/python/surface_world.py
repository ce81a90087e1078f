"""What the SDK-surface walker works on: its own issuer, client, user and organization."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from authpi_admin import AuthPIAdmin
from authpi_admin.generated.scopes.issuer_scope import IssuerScope
from authpi_idp import AuthenticatedAgent, IdpClient

from idp_login import login

Case = Callable[["World"], Awaitable[Any] | Any]

CASES: dict[str, Case] = {}


def case(*method_ids: str) -> Callable[[Case], Case]:
    """Registers the call that exercises each named SDK method (ids as `sdk_surface` finds them)."""

    def register(fn: Case) -> Case:
        for method_id in method_ids:
            assert method_id not in CASES, f"two cases for {method_id}"
            CASES[method_id] = fn
        return fn

    return register


async def run_case(fn: Case, world: World) -> Any:
    result = fn(world)
    return await result if inspect.isawaitable(result) else result


def conforms(model: type, body: dict[str, Any]) -> dict[str, Any]:
    """`body`, checked against an SDK request TypedDict: its required keys, and no others."""
    # The SDK's models use postponed annotations, which hide NotRequired from
    # `__required_keys__` on Python 3.11, so the annotation text is read instead.
    hints = model.__annotations__.items()
    fields = {name: getattr(hint, "__forward_arg__", str(hint)) for name, hint in hints}
    required = {name for name, hint in fields.items() if not hint.startswith("NotRequired[")}
    assert required <= body.keys(), f"{model.__name__} needs {sorted(required - body.keys())}"
    extra = body.keys() - fields.keys()
    assert not extra, f"{model.__name__} has no {sorted(extra)}"
    return body


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


PASSWORD = "walker password 1234"
REDIRECT_URI = "http://localhost:3000/walker/callback"


@dataclass
class World:
    dev: dict
    admin: AuthPIAdmin
    issuer_id: str
    issuer_url: str
    client_id: str
    client_secret: str
    m2m_id: str
    m2m_secret: str
    user_id: str
    username: str
    org_id: str
    key_id: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def issuer(self) -> IssuerScope:
        return self.admin.issuer(self.issuer_id)

    def idp(self, **kwargs: Any) -> IdpClient:
        return IdpClient(
            issuer_url=self.issuer_url,
            client_id=self.client_id,
            client_secret=self.client_secret,
            redirect_uri=REDIRECT_URI,
            **kwargs,
        )

    async def new_user(self, password: str | None = PASSWORD) -> tuple[str, str]:
        username = f"{unique('walker')}@example.com"
        body: dict[str, Any] = {"username_type": "email", "username": username}
        if password:
            body["password"] = password
        user = await self.issuer.users.create(body)
        return user.id, username

    async def sign_in(
        self,
        scopes: list[str] | None = None,
        *,
        username: str | None = None,
        org: str | None = None,
    ) -> AuthenticatedAgent:
        """A real login through the hosted page, exchanged by authpi-idp."""
        async with self.idp() as idp:
            auth = idp.create_authorization_url(
                scopes=scopes or ["openid", "email", "offline_access"], org=org
            )
            callback = login(auth.url, username or self.username, PASSWORD)
            return await idp.exchange_callback(callback, auth)


def admin_client(dev: dict, key: tuple[str, str]) -> AuthPIAdmin:
    return AuthPIAdmin(api_key=key, account_id=dev["account_id"], base_url=dev["core_api_url"])


async def with_own_key(world: World) -> World:
    """The world seen through a new all-scopes key: each case gets the per-key rate limit to
    itself, so the SDK never meets a 429 the suite caused."""
    created = await world.admin.api_keys.create(
        {"name": unique("walker case"), "restrictions": {"scopes": ["*:**"]}}
    )
    key = (created.id, created.secret_plain)
    return replace(world, admin=admin_client(world.dev, key), key_id=created.id)


async def build_world(dev: dict) -> World:
    admin = admin_client(dev, (dev["api_key_id"], dev["api_key_secret"]))
    issuer = await admin.issuers.create({"name": unique("walker")})
    scope = admin.issuer(issuer.id)
    web = await scope.clients.create(
        {"name": "walker web", "type": "web", "settings": {"redirect_uris": [REDIRECT_URI]}}
    )
    m2m = await scope.clients.create(
        {"name": "walker m2m", "type": "m2m", "settings": {"scopes": ["reports:read"]}}
    )
    username = f"{unique('walker')}@example.com"
    user = await scope.users.create(
        {"username_type": "email", "username": username, "password": PASSWORD}
    )
    org = await scope.organizations.create({"name": "Walker Org", "org_type": "business"})
    await scope.organization(org.id).members.create(
        {"member_id": user.id, "scopes": ["projects:read"]}
    )
    assert web.secret and m2m.secret
    return World(
        dev=dev,
        admin=admin,
        issuer_id=issuer.id,
        issuer_url=f"{dev['idp_api_url']}/{issuer.id}",
        client_id=web.id,
        client_secret=web.secret,
        m2m_id=m2m.id,
        m2m_secret=m2m.secret,
        user_id=user.id,
        username=username,
        org_id=org.id,
        key_id=dev["api_key_id"],
    )
