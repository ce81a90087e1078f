"""authpi-admin manages webhooks and reads the audit trail against our Core API."""

from __future__ import annotations

from authpi_admin import AuthPIAdmin


async def test_webhooks_and_events_through_the_admin_sdk(dev: dict) -> None:
    async with AuthPIAdmin(
        api_key=(dev["api_key_id"], dev["api_key_secret"]),
        account_id=dev["account_id"],
        base_url=dev["core_api_url"],
    ) as admin:
        created = await admin.webhooks.create(
            {
                "name": "audit sink",
                "url": "https://hooks.example.com/authpi",
                "events": ["user.created", "organization.*"],
                "auth": {"type": "signature", "signature_algorithm": "hmac-sha256"},
            }
        )
        assert created.id.startswith("wh_")
        assert created.auth.model_dump()["signature_secret_plain"].startswith("whsec_")

        listed = await admin.webhooks.list(limit=100)
        assert created.id in [w.id for w in listed.data]
        got = await admin.webhook(created.id).get()
        assert "signature_secret_plain" not in got.auth.model_dump()

        paused = await admin.webhook(created.id).update({"status": "disabled"})
        assert paused.status == "disabled"
        await admin.webhook(created.id).delete()

        events = await admin.events.list(event_types="webhook.created,webhook.deleted", limit=50)
        types = {e.type for e in events.data}
        assert {"webhook.created", "webhook.deleted"} <= types
        one = await admin.events.get(events.data[0].id)
        assert one.id == events.data[0].id
