"""authpi-admin manages webhooks and reads the audit trail against our Core API."""

from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


class _Receiver:
    """A real webhook receiver on loopback: answers the scripted statuses in turn, then 200."""

    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.received: list[dict[str, str]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                self.rfile.read(int(self.headers.get("content-length", "0")))
                receiver.received.append({k.lower(): v for k, v in self.headers.items()})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def _eventually(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


async def test_redeliver_failed_deliveries_through_the_admin_sdk(dev: dict) -> None:
    receiver = _Receiver(400)
    try:
        async with AuthPIAdmin(
            api_key=(dev["api_key_id"], dev["api_key_secret"]),
            account_id=dev["account_id"],
            base_url=dev["core_api_url"],
        ) as admin:
            hook = await admin.webhooks.create(
                {
                    "name": "flaky sink",
                    "url": receiver.url,
                    "events": ["organization.created"],
                    "auth": {"type": "signature", "signature_algorithm": "hmac-sha256"},
                }
            )
            since = int(time.time() * 1000)
            await admin.issuer(dev["issuer_id"]).organizations.create({"name": "Redelivered"})
            scope = admin.webhook(hook.id)

            async def failed_once():
                page = await scope.deliveries.list(status="failed")
                assert len(page.data) == 1
                return page.data[0]

            failed = await _eventually(failed_once)
            assert failed.last_response_status == 400
            assert failed.attempt_count == 1

            # The SDK's webhook(...).redeliver.create: the failed deliveries of a time window.
            queued = await scope.redeliver.create({"after": since})
            assert queued["queued"] == 1
            assert queued["delivery_ids"] == [failed.id]
            assert queued["has_more"] is False

            async def succeeded():
                page = await scope.deliveries.list(status="succeeded")
                assert [d.id for d in page.data] == [failed.id]
                return page.data[0]

            done = await _eventually(succeeded)
            assert done.attempt_count == 2
            assert [h["webhook-id"] for h in receiver.received] == [failed.id, failed.id]

            # Nothing failed is left, so asking again queues nothing.
            again = await scope.redeliver.create({"delivery_ids": [failed.id]})
            assert again["queued"] == 0

            # One delivery at a time through deliveries.redeliver: queued (202), attempted later.
            one = await scope.deliveries.redeliver(failed.id)
            assert one.success is True and one.status == "pending"
            await _eventually(succeeded)
            assert len(receiver.received) == 3
            await scope.delete()
    finally:
        receiver.stop()
