"""Walker cases for webhooks and their deliveries (a real local receiver gets them)."""

from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from authpi_admin import NotFoundError
from authpi_admin.types import CreateWebhookInput, UpdateWebhook, WebhookEventType

from surface_world import World, case, conforms, unique


class _Accept(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def receiver_url(w: World) -> str:
    """A loopback receiver that accepts every delivery (started once per session)."""
    if "receiver" not in w.extra:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Accept)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        w.extra["receiver"] = f"http://127.0.0.1:{server.server_address[1]}/hook"
    return w.extra["receiver"]


def _body(w: World, events: list[WebhookEventType]) -> dict:
    return conforms(
        CreateWebhookInput,
        {
            "name": unique("walker hook"),
            "url": receiver_url(w),
            "events": events,
            "auth": {"type": "signature", "signature_algorithm": "hmac-sha256"},
        },
    )


@case(
    "admin.webhooks.create",
    "admin.webhooks.get",
    "admin.webhooks.update",
    "admin.webhooks.delete",
)
async def webhooks_crud(w: World) -> None:
    created = await w.admin.webhooks.create(_body(w, [WebhookEventType.USER_CREATED]))
    assert created.auth.model_dump()["signature_secret_plain"]
    got = await w.admin.webhooks.get(created.id)
    body = conforms(UpdateWebhook, {"name": "renamed"})
    updated = await w.admin.webhooks.update(created.id, body, if_match=got._etag)
    assert updated.name == "renamed"
    await w.admin.webhooks.delete(created.id)
    with pytest.raises(NotFoundError):
        await w.admin.webhooks.get(created.id)


@case("admin.webhooks.list", "admin.webhooks.list_all")
async def webhooks_list(w: World) -> None:
    created = await w.admin.webhooks.create(_body(w, [WebhookEventType.ORGANIZATION_CREATED]))
    assert created.id in [h.id for h in (await w.admin.webhooks.list(limit=100)).data]
    assert created.id in [h.id async for h in w.admin.webhooks.list_all()]


@case("admin.webhook().get", "admin.webhook().update", "admin.webhook().delete")
async def webhook_scope(w: World) -> None:
    created = await w.admin.webhooks.create(_body(w, [WebhookEventType.CLIENT_CREATED]))
    scope = w.admin.webhook(created.id)
    got = await scope.get()
    paused = await scope.update(conforms(UpdateWebhook, {"status": "disabled"}), if_match=got._etag)
    assert paused.status == "disabled"
    await scope.delete()
    with pytest.raises(NotFoundError):
        await scope.get()


async def delivered_webhook(w: World) -> tuple[str, str]:
    """A webhook with one delivery of a real event; returns (webhook id, delivery id)."""
    if "delivered" not in w.extra:
        created = await w.admin.webhooks.create(_body(w, [WebhookEventType.USER_CREATED]))
        await w.new_user(password=None)
        deadline = time.monotonic() + 30
        page = await w.admin.webhook(created.id).deliveries.list()
        while not page.data:
            assert time.monotonic() < deadline, "no delivery reached the webhook within 30 s"
            await asyncio.sleep(0.5)
            page = await w.admin.webhook(created.id).deliveries.list()
        w.extra["delivered"] = (created.id, page.data[0].id)
    return w.extra["delivered"]


@case("admin.webhook().deliveries.list", "admin.webhook().deliveries.list_all")
async def deliveries_list(w: World) -> None:
    webhook_id, delivery_id = await delivered_webhook(w)
    deliveries = w.admin.webhook(webhook_id).deliveries
    page = await deliveries.list(event_type="user.created")
    assert page.data[0].event_type == "user.created"
    assert delivery_id in [d.id async for d in deliveries.list_all()]


@case("admin.webhook().deliveries.redeliver")
async def deliveries_redeliver(w: World) -> None:
    webhook_id, delivery_id = await delivered_webhook(w)
    again = await w.admin.webhook(webhook_id).deliveries.redeliver(delivery_id)
    assert again.id == delivery_id and again.success


@case("admin.webhook().redeliver.create")
async def webhook_redeliver(w: World) -> None:
    webhook_id, _ = await delivered_webhook(w)
    result = await w.admin.webhook(webhook_id).redeliver.create({"after": 0})
    assert isinstance(result, dict)
