"""Walker cases for organizations: the organization itself, members, invitations, API keys."""

from __future__ import annotations

import pytest
from authpi_admin import NotFoundError

from surface_world import World, case, unique


@case(
    "admin.issuer().organizations.create",
    "admin.issuer().organizations.get",
    "admin.issuer().organizations.update",
    "admin.issuer().organizations.delete",
)
async def organizations_crud(w: World) -> None:
    orgs = w.issuer.organizations
    org = await orgs.create({"name": unique("Walker Co"), "org_type": "business"})
    got = await orgs.get(org.id)
    updated = await orgs.update(org.id, {"status": "suspended"}, if_match=got._etag)
    assert updated.status == "suspended"
    await orgs.delete(org.id)
    with pytest.raises(NotFoundError):
        await orgs.get(org.id)


@case("admin.issuer().organizations.list", "admin.issuer().organizations.list_all")
async def organizations_list(w: World) -> None:
    page = await w.issuer.organizations.list(limit=100)
    assert w.org_id in [o.id for o in page.data]
    assert w.org_id in [o.id async for o in w.issuer.organizations.list_all()]


@case(
    "admin.issuer().organization().get",
    "admin.issuer().organization().update",
    "admin.issuer().organization().delete",
)
async def organization_scope(w: World) -> None:
    org = await w.issuer.organizations.create({"name": unique("Scoped Co")})
    scope = w.issuer.organization(org.id)
    got = await scope.get()
    updated = await scope.update({"invitation_enabled": False}, if_match=got._etag)
    assert updated.invitation_enabled is False
    await scope.delete()
    with pytest.raises(NotFoundError):
        await scope.get()


@case(
    "admin.issuer().organization().members.create",
    "admin.issuer().organization().members.list",
    "admin.issuer().organization().members.list_all",
    "admin.issuer().organization().members.update",
    "admin.issuer().organization().members.delete",
)
async def members(w: World) -> None:
    org = await w.issuer.organizations.create({"name": unique("Members Co")})
    user_id, _ = await w.new_user(password=None)
    members = w.issuer.organization(org.id).members
    member = await members.create({"member_id": user_id, "scopes": ["projects:read"]})
    assert member.member_type == "user"
    assert [m.member_id for m in (await members.list()).data] == [user_id]
    assert [m.member_id async for m in members.list_all()] == [user_id]
    updated = await members.update(user_id, {"user_title": "Lead"})
    assert updated.user_title == "Lead"
    await members.delete(user_id)
    assert (await members.list()).data == []


@case(
    "admin.issuer().organization().invitations.create",
    "admin.issuer().organization().invitations.get",
    "admin.issuer().organization().invitations.list",
    "admin.issuer().organization().invitations.list_all",
    "admin.issuer().organization().invitations.update",
    "admin.issuer().organization().invitations.resend",
    "admin.issuer().organization().invitations.revoke",
)
async def invitations(w: World) -> None:
    invitations = w.issuer.organization(w.org_id).invitations
    email = f"{unique('invitee')}@example.com"
    invitation = await invitations.create({"email_invited": email, "scopes": ["member"]})
    assert invitation.status == "pending"
    assert (await invitations.get(invitation.id)).email_invited == email
    assert invitation.id in [i.id for i in (await invitations.list(limit=100)).data]
    assert invitation.id in [i.id async for i in invitations.list_all()]
    updated = await invitations.update(invitation.id, {"user_title": "Engineer"})
    assert updated.user_title == "Engineer"
    resent = await invitations.resend(invitation.id)
    assert resent["id"] == invitation.id
    revoked = await invitations.revoke(invitation.id)
    assert revoked["status"] == "revoked"


@case(
    "admin.issuer().organization().api_keys.create",
    "admin.issuer().organization().api_keys.list",
    "admin.issuer().organization().api_keys.list_all",
)
async def organization_api_keys(w: World) -> None:
    keys = w.issuer.organization(w.org_id).api_keys
    created = await keys.create(
        {"name": unique("org key"), "restrictions": {"scopes": ["issuers.organizations:read"]}}
    )
    assert created.org_id == w.org_id and created.issuer_id == w.issuer_id
    listed = await keys.list()
    item = next(k for k in listed.data if k.id == created.id)
    assert item.secret_hint == created.secret["hint"]
    assert created.id in [k.id async for k in keys.list_all()]
