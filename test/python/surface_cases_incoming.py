"""Walker cases for the account and issuer resources added for the SDK: domains, auth methods,
SSO, groups, approvals, notes, credits and trusted devices."""

from __future__ import annotations

from authpi_admin.types import CreateNoteInput, UpdateNoteInput

from surface_world import World, case, conforms, unique


@case(
    "admin.domains.create",
    "admin.domains.list",
    "admin.domains.list_all",
    "admin.domains.verify",
    "admin.domains.assign",
    "admin.domains.unassign",
    "admin.domains.delete",
)
async def domains(w: World) -> None:
    host = f"{unique('auth')}.example.com"
    await w.admin.domains.create({"host": host})
    assert host in [d.host for d in (await w.admin.domains.list()).data]
    assert host in [d.host async for d in w.admin.domains.list_all()]
    # The SDK's AccountDomain model does not carry the TXT record: read it off the wire.
    listed = await w.admin.http.request("GET", f"/v1/accounts/{w.dev['account_id']}/domains")
    record = next(d for d in listed.data["data"] if d["host"] == host)["verification"]
    w.extra["doh"].records[record["txt_record_name"]] = [record["txt_record_value"]]
    await w.admin.domains.verify(host)
    await w.admin.domains.assign(host, {"issuer_id": w.issuer_id})
    await w.admin.domains.unassign(host)
    await w.admin.domains.delete(host)


@case("admin.credits.ledger", "admin.credits.ledger_all", "admin.credits.create_topup")
async def credits(w: World) -> None:
    topup = await w.admin.credits.create_topup(
        {"amount_μusd": 1_000_000, "payment_reference": unique("walker")}
    )
    entries = await w.admin.credits.ledger()
    assert topup.entry_id in [e.id for e in entries.data]
    assert topup.entry_id in [e.id async for e in w.admin.credits.ledger_all()]


@case(
    "admin.notes.create",
    "admin.notes.get",
    "admin.notes.list",
    "admin.notes.list_all",
    "admin.notes.update",
    "admin.notes.count",
    "admin.notes.backlinks",
    "admin.notes.delete",
)
async def notes(w: World) -> None:
    note = await w.admin.notes.create(
        conforms(
            CreateNoteInput,
            {
                "subject_type": "user",
                "subject_id": w.user_id,
                "issuer_id": w.issuer_id,
                "content": "walker note",
            },
        )
    )
    assert (await w.admin.notes.get(note.id)).content == "walker note"
    listed = await w.admin.notes.list(subject_type="user", subject_id=w.user_id)
    assert note.id in [n.id for n in listed.data]
    everything = w.admin.notes.list_all(subject_type="user", subject_id=w.user_id)
    assert note.id in [n.id async for n in everything]
    assert (await w.admin.notes.update(note.id, conforms(UpdateNoteInput, {"pinned": True}))).pinned
    assert (await w.admin.notes.count(subject_type="user", subject_id=w.user_id)).count >= 1
    assert isinstance(await w.admin.notes.backlinks(ref_type="user", ref_id=w.user_id), list)
    await w.admin.notes.delete(note.id)


@case(
    "admin.issuer().auth_methods.create",
    "admin.issuer().auth_methods.get",
    "admin.issuer().auth_methods.list",
    "admin.issuer().auth_methods.list_all",
    "admin.issuer().auth_methods.update",
    "admin.issuer().auth_methods.delete",
)
async def auth_methods(w: World) -> None:
    methods = w.issuer.auth_methods
    # A new issuer already has its password method; an upstream can be added (here disabled).
    created = await methods.create(
        {
            "name": "GitHub",
            "method": "oauth2",
            "enabled": False,
            "settings": {"provider": "github", "client_id": "Iv1.walker", "client_secret": "s3cr3t"},
        }
    )
    method_id = created.model_dump()["id"]
    assert (await methods.get(method_id)).model_dump()["method"] == "oauth2"
    assert method_id in [m.model_dump()["id"] for m in (await methods.list()).data]
    assert method_id in [m.model_dump()["id"] async for m in methods.list_all()]
    await methods.update(method_id, {"name": "GitHub SSO"})
    await methods.delete(method_id)


@case(
    "admin.issuer().approvals.list",
    "admin.issuer().approvals.list_all",
    "admin.issuer().approvals.get",
    "admin.issuer().approvals.update",
)
async def approvals(w: World) -> None:
    waiting = await w.issuer.users.create(
        {
            "username_type": "email",
            "username": f"{unique('waiting')}@example.com",
            "status": "pending_approval",
        }
    )
    user_id = waiting.id
    assert user_id in [a.user_id for a in (await w.issuer.approvals.list(limit=100)).data]
    assert user_id in [a.user_id async for a in w.issuer.approvals.list_all()]
    assert (await w.issuer.approvals.get(user_id)).status == "pending_approval"
    await w.issuer.approvals.update(user_id, {"status": "approved"})


@case(
    "admin.issuer().organization().groups.create",
    "admin.issuer().organization().groups.get",
    "admin.issuer().organization().groups.list",
    "admin.issuer().organization().groups.list_all",
    "admin.issuer().organization().groups.update",
    "admin.issuer().organization().groups.delete",
)
async def groups(w: World) -> None:
    groups = w.issuer.organization(w.org_id).groups
    group = await groups.create({"name": unique("admins"), "scopes": ["projects:write"]})
    assert (await groups.get(group.id)).name == group.name
    assert group.id in [g.id for g in (await groups.list()).data]
    assert group.id in [g.id async for g in groups.list_all()]
    assert (await groups.update(group.id, {"description": "x"})).description == "x"
    await groups.delete(group.id)


@case(
    "admin.issuer().organization().sso.add_domain",
    "admin.issuer().organization().sso.verify_domain",
    "admin.issuer().organization().sso.remove_domain",
    "admin.issuer().organization().sso.rotate_secret",
)
async def sso(w: World) -> None:
    sso = w.issuer.organization(w.org_id).sso
    domain = f"{unique('sso')}.example.com"
    added = await sso.add_domain({"domain": domain})
    assert added.domain == domain and added.txt_record_value
    assert (await sso.verify_domain(domain)).verified is False
    await sso.remove_domain(domain)
    assert (await sso.rotate_secret()).secret


@case(
    "admin.issuer().user().trusted_devices.create",
    "admin.issuer().user().trusted_devices.list",
    "admin.issuer().user().trusted_devices.list_all",
    "admin.issuer().user().trusted_devices.delete",
    "admin.issuer().user().trusted_devices.revoke_all",
)
async def trusted_devices(w: World) -> None:
    devices = w.issuer.user(w.user_id).trusted_devices
    trusted = await devices.create({"fingerprint": unique("fp") * 2, "name": "laptop"})
    assert trusted.device_id in [d.id for d in (await devices.list()).data]
    assert trusted.device_id in [d.id async for d in devices.list_all()]
    await devices.delete(trusted.device_id)
    await devices.create({"fingerprint": unique("fp") * 2, "name": "phone"})
    assert (await devices.revoke_all()).revoked_count == 1
