"""Finds every public method of the installed SDKs by introspection, so new ones show up."""

from __future__ import annotations

import inspect
from functools import cached_property
from typing import get_type_hints

from authpi_admin import AuthPIAdmin
from authpi_idp import IdpClient, IdpClientSync

# `AuthPIAdmin.http` hands out the raw HTTP client ("for advanced use"): a tool, not a resource.
NOT_RESOURCES = {"admin.http"}


def _is_scope(value: object) -> bool:
    return inspect.isclass(value) and value.__name__.endswith("Scope")


def walk(cls: type, prefix: str, found: list[str]) -> None:
    """Adds `prefix.method` for every public method of `cls`, following accessors and scopes."""
    for name, member in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        path = f"{prefix}.{name}"
        if isinstance(member, cached_property):
            walk(get_type_hints(member.func)["return"], path, found)
        elif isinstance(member, property):
            if path not in NOT_RESOURCES:
                found.append(path)
        elif inspect.isfunction(member):
            returned = get_type_hints(member).get("return")
            if _is_scope(returned):
                walk(returned, f"{path}()", found)
            else:
                found.append(path)


def admin_methods() -> list[str]:
    """Ids like `admin.issuer().users.create`: every authpi-admin call AuthPIAdmin reaches."""
    found: list[str] = []
    walk(AuthPIAdmin, "admin", found)
    return sorted(found)


def idp_methods() -> list[str]:
    """Every public method of authpi-idp's client classes (async and sync)."""
    found: list[str] = []
    walk(IdpClient, "IdpClient", found)
    walk(IdpClientSync, "IdpClientSync", found)
    return sorted(found)


if __name__ == "__main__":
    for method in admin_methods() + idp_methods():
        print(method)
