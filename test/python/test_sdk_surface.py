"""Every public method of authpi-admin and authpi-idp, found by introspecting the installed
packages, called against the running system. A method a later SDK adds has no case yet and
fails here by name; a case whose method the SDK dropped fails too."""

from __future__ import annotations

import pytest
import pytest_asyncio

# The case modules register themselves into CASES on import.
import surface_cases_account  # noqa: F401
import surface_cases_idp  # noqa: F401
import surface_cases_incoming  # noqa: F401
import surface_cases_issuer  # noqa: F401
import surface_cases_org  # noqa: F401
import surface_cases_user  # noqa: F401
import surface_cases_webhooks  # noqa: F401
from functools import cached_property

from sdk_surface import walk, admin_methods, idp_methods
from surface_world import CASES, World, build_world, run_case, with_own_key

SURFACE = admin_methods() + idp_methods()


@pytest_asyncio.fixture(scope="session")
async def world(dev: dict, doh) -> World:
    built = await build_world(dev)
    built.extra["doh"] = doh
    yield built
    await built.admin.close()


def test_the_walk_reaches_every_layer() -> None:
    assert len(SURFACE) >= 180
    assert "admin.issuer().user().tokens.create" in SURFACE
    assert "IdpClientSync.exchange_callback" in SURFACE


def test_a_method_a_later_sdk_adds_is_found_and_has_no_case() -> None:
    class NewResource:
        async def brand_new(self) -> None: ...

    class NewScope:
        @cached_property
        def gadgets(self) -> NewResource:
            return NewResource()

    class FutureAdmin:
        def gizmo(self, gizmo_id: str) -> NewScope:
            return NewScope()

    NewResource.__module__ = NewScope.__module__ = FutureAdmin.__module__ = __name__
    globals().update(NewResource=NewResource, NewScope=NewScope)
    found: list[str] = []
    walk(FutureAdmin, "admin", found)
    assert found == ["admin.gizmo().gadgets.brand_new"]
    assert "admin.gizmo().gadgets.brand_new" not in CASES


def test_no_case_for_a_method_the_sdk_no_longer_has() -> None:
    assert sorted(set(CASES) - set(SURFACE)) == []


@pytest.mark.parametrize("method", SURFACE)
async def test_sdk_method(method: str, world: World) -> None:
    fn = CASES.get(method)
    if fn is None:
        pytest.fail(f"{method} is public in the installed SDK but the walker has no case for it")
    own = await with_own_key(world)
    try:
        await run_case(fn, own)
    finally:
        await own.admin.close()
