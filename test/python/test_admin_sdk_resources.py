"""authpi-admin 1.4.0 drives this round's resources unchanged: domains, auth methods, SSO,
groups, approvals, notes, credits and trusted devices."""

from __future__ import annotations

import uuid

import pytest
from authpi_admin import AuthPIAdmin
from authpi_admin.errors import ConflictError, ValidationError


def admin_for(dev: dict) -> AuthPIAdmin:
    return AuthPIAdmin(
        api_key=(dev["api_key_id"], dev["api_key_secret"]),
        account_id=dev["account_id"],
        base_url=dev["core_api_url"],
    )


def unique_host(label: str) -> str:
    return f"{label}.{uuid.uuid4().hex[:8]}.example.com"


async def txt_record(admin: AuthPIAdmin, dev: dict, host: str) -> tuple[str, str]:
    """The TXT record a domain asks for (the SDK's AccountDomain model does not carry it)."""
    listed = await admin.http.request("GET", f"/v1/accounts/{dev['account_id']}/domains")
    verification = next(d for d in listed.data["data"] if d["host"] == host)["verification"]
    return verification["txt_record_name"], verification["txt_record_value"]


async def test_domains_verify_through_dns_over_https(dev: dict, doh) -> None:
    host = unique_host("auth")
    async with admin_for(dev) as admin:
        account = await admin.domains.create({"host": host})
        assert account.id == dev["account_id"]
        assert next(d for d in account.domains if d.host == host).verified is False
        with pytest.raises(ValidationError):
            await admin.domains.verify(host)
        name, value = await txt_record(admin, dev, host)
        doh.records[name] = ["unrelated", value]
        verified = await admin.domains.verify(host)
        assert next(d for d in verified.domains if d.host == host).verified is True
        assigned = await admin.domains.assign(host, {"issuer_id": dev["issuer_id"]})
        mine = next(d for d in assigned.domains if d.host == host)
        assert mine.assigned_issuer_id == dev["issuer_id"]
        unassigned = await admin.domains.unassign(host)
        assert next(d for d in unassigned.domains if d.host == host).assigned_issuer_id is None
        assert host in [d.host for d in (await admin.domains.list()).data]
        await admin.domains.delete(host)
        assert host not in [d.host for d in (await admin.domains.list()).data]


async def test_auth_methods_and_methods_featured(dev: dict) -> None:
    async with admin_for(dev) as admin:
        issuer = await admin.issuers.create({"name": "sdk-auth-methods"})
        methods = admin.issuer(issuer.id).auth_methods
        kinds = [m.model_extra["method"] for m in (await methods.list()).data]
        assert kinds == ["password", "webauthn", "totp_app", "backup_codes"]
        github = await methods.create(
            {
                "name": "GitHub",
                "method": "oauth2",
                "enabled": False,
                "settings": {"provider": "github", "client_id": "Iv1.x", "client_secret": "s3cr3t"},
            }
        )
        extra = github.model_extra
        assert extra["client_secret_set"] is True and "client_secret" not in extra["settings"]
        got = await methods.get(extra["id"])
        renamed = await methods.update(extra["id"], {"name": "GitHub SSO"}, if_match=got._etag)
        assert renamed.model_extra["name"] == "GitHub SSO"
        enabled = await methods.update(extra["id"], {"enabled": True})
        assert enabled.model_extra["enabled"] is True
        with pytest.raises(ValidationError):
            await methods.update(extra["id"], {"settings": {"issuer": "http://plain.example"}})
        await methods.delete(extra["id"])
        featured = await admin.issuers.update(
            issuer.id, {"settings": {"authentication": {"methods_featured": ["webauthn"]}}}
        )
        assert featured.settings["authentication"]["methods_featured"] == ["webauthn"]
        await admin.issuers.delete(issuer.id)


async def test_organization_sso_and_groups(dev: dict, doh) -> None:
    async with admin_for(dev) as admin:
        issuer = admin.issuer(dev["issuer_id"])
        org = await issuer.organizations.create(
            {
                "name": "SSO Corp",
                "sso": {
                    "enabled": True,
                    "protocol": "oidc",
                    "oidc": {"issuer": "https://idp.sso.example", "client_id": "c", "client_secret": "s"},
                },
            }
        )
        assert org.sso["enabled"] is True and org.sso["oidc"]["client_secret_set"] is True
        assert org.id in [o.id for o in (await issuer.organizations.list(sso_enabled="true")).data]
        sso = issuer.organization(org.id).sso
        host = unique_host("corp")
        added = await sso.add_domain({"domain": host})
        assert added.txt_record_name == f"_authpi-challenge.{host}"
        assert (await sso.verify_domain(host)).verified is False
        doh.records[added.txt_record_name] = [added.txt_record_value]
        assert (await sso.verify_domain(host)).verified is True
        rotated = await sso.rotate_secret()
        assert rotated.secret.startswith("ssos_")
        removed = await sso.remove_domain(host)
        assert removed["removed"] is True

        groups = issuer.organization(org.id).groups
        group = await groups.create({"name": "Admins", "scopes": ["billing:write"]})
        assert group.id.startswith("grp_") and group.org_id == org.id
        assert [g.id for g in (await groups.list(limit=10)).data] == [group.id]
        updated = await groups.update(group.id, {"scopes": ["billing:read"]}, if_match=(await groups.get(group.id))._etag)
        assert updated.scopes == ["billing:read"]
        with pytest.raises(ConflictError):
            await groups.create({"name": "Admins"})
        await groups.delete(group.id)
        await issuer.organizations.delete(org.id)
        await admin.domains.delete(host)


async def test_signup_approvals(dev: dict) -> None:
    async with admin_for(dev) as admin:
        issuer = admin.issuer(dev["issuer_id"])
        user = await issuer.users.create(
            {"username_type": "email", "username": f"{uuid.uuid4().hex[:8]}@wait.example", "status": "pending_approval"}
        )
        approvals = issuer.approvals
        assert user.id in [a.user_id for a in (await approvals.list(limit=100)).data]
        waiting = await approvals.get(user.id)
        assert waiting.status == "pending_approval"
        approved = await approvals.update(user.id, {"status": "approved"}, if_match=waiting._etag)
        assert approved.status == "active"
        with pytest.raises(ConflictError):
            await approvals.update(user.id, {"status": "rejected"})
        await issuer.users.delete(user.id)


async def test_notes(dev: dict) -> None:
    async with admin_for(dev) as admin:
        user_id = dev["user"]["id"]
        note = await admin.notes.create(
            {
                "subject_type": "user",
                "subject_id": user_id,
                "issuer_id": dev["issuer_id"],
                "content": f"Called support, @[Ops](usr_ops) see [[issuer:{dev['issuer_id']}]]",
            }
        )
        assert note.id.startswith("note_") and note.mentions[0].mentioned_user_id == "usr_ops"
        assert note.id in [n.id for n in (await admin.notes.list(subject_type="user", subject_id=user_id)).data]
        backlinks = await admin.notes.backlinks("issuer", dev["issuer_id"])
        assert note.id in [n.id for n in backlinks]
        assert (await admin.notes.count("user", user_id)).count >= 1
        pinned = await admin.notes.update(note.id, {"pinned": True}, if_match=(await admin.notes.get(note.id))._etag)
        assert pinned.pinned is True
        assert (await admin.notes.list(pinned=True)).data[0].id == note.id
        await admin.notes.delete(note.id)


async def test_credits(dev: dict) -> None:
    async with admin_for(dev) as admin:
        reference = f"INV-{uuid.uuid4().hex[:8]}"
        topup = await admin.credits.create_topup({"amount_μusd": 2_000_000, "payment_reference": reference})
        assert topup.duplicate is False and topup.payment_reference == reference
        again = await admin.credits.create_topup({"amount_μusd": 2_000_000, "payment_reference": reference})
        assert again.duplicate is True and again.entry_id == topup.entry_id
        ledger = await admin.credits.ledger(limit=5)
        assert ledger.data[0].id == topup.entry_id
        assert ledger.data[0].balance_after_μusd == topup.balance_μusd


async def test_trusted_devices(dev: dict) -> None:
    async with admin_for(dev) as admin:
        devices = admin.issuer(dev["issuer_id"]).user(dev["user"]["id"]).trusted_devices
        created = await devices.create({"fingerprint": uuid.uuid4().hex + uuid.uuid4().hex, "name": "Laptop"})
        assert created.device_id.startswith("tdv_")
        listed = (await devices.list()).data
        assert [d.id for d in listed] == [created.device_id] and listed[0].name == "Laptop"
        await devices.delete(created.device_id)
        await devices.create({"fingerprint": uuid.uuid4().hex + uuid.uuid4().hex})
        assert (await devices.revoke_all()).revoked_count == 1
        assert (await devices.list()).data == []
