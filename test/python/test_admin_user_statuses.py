"""authpi-admin round-trips each of AuthPI's user statuses, and lists by them."""

from __future__ import annotations

import pytest
from authpi_admin import AuthPIAdmin
from authpi_admin.errors import ConflictError, ValidationError


def admin_for(dev: dict) -> AuthPIAdmin:
    return AuthPIAdmin(
        api_key=(dev["api_key_id"], dev["api_key_secret"]),
        base_url=dev["core_api_url"],
        account_id=dev["account_id"],
    )


async def test_each_user_status_round_trips_and_filters(dev: dict) -> None:
    async with admin_for(dev) as admin:
        users = admin.issuer(dev["issuer_id"]).users
        user = await users.create(
            {"username_type": "email", "username": "status.walker@example.com"}
        )
        assert user.status == "active"
        for status in ["suspended", "active", "disabled", "deleted"]:
            updated = await users.update(user.id, {"status": status, "status_reason": status})
            assert (updated.status, updated.status_reason) == (status, status)
            assert (await users.get(user.id)).status == status
            listed = [u async for u in users.list_all(limit=100, status=status)]
            assert user.id in [u.user_id for u in listed]
            assert {u.status for u in listed} == {status}
        everyone = [u.user_id async for u in users.list_all(limit=100)]
        assert user.id not in everyone
        with pytest.raises(ConflictError):
            await users.update(user.id, {"status": "active"})
        await users.delete(user.id)


async def test_the_legacy_blocked_word_means_suspended(dev: dict) -> None:
    async with admin_for(dev) as admin:
        users = admin.issuer(dev["issuer_id"]).users
        user = await users.create(
            {"username_type": "email", "username": "legacy.block@example.com", "status": "blocked"}
        )
        assert user.status == "suspended"
        assert (await users.update(user.id, {"blocked": False})).status == "active"
        with pytest.raises(ValidationError):
            await users.update(user.id, {"status": "archived"})
        await users.delete(user.id)
