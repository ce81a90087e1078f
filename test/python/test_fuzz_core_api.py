"""Schemathesis fuzzes the Core API from its own /openapi.json, on a system of its own.

The bar: no 5xx and no response outside the document (status codes, content types, response
schemas). Runs are reproducible (Hypothesis `derandomize`) and bounded (`max_examples`, about
three minutes). The IdP API publishes no OpenAPI document, so only the Core API is fuzzed here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from conftest import running_system
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    unsupported_method,
]
# Enough keys that the per-key limit (600 a minute) does not turn the run into 429s.
KEYS = 6


def _create(url: str, auth: tuple[str, str], body: dict) -> dict:
    response = requests.post(url, json=body, auth=auth, timeout=30)
    assert response.status_code < 300, f"POST {url}: {response.status_code} {response.text}"
    return response.json()["data"]


def _resources(base: str, owner: tuple[str, str]) -> dict[str, str]:
    """One real resource per path parameter, so fuzzed requests reach past the 404."""
    issuer = _create(f"{base}/issuers", owner, {"name": "fuzz"})["id"]
    i = f"{base}/issuers/{issuer}"
    user = _create(f"{i}/users", owner, {"username": "fuzz@example.com"})["id"]
    org = _create(f"{i}/organizations", owner, {"name": "fuzz"})["id"]
    _create(f"{i}/organizations/{org}/members", owner, {"member_id": user})
    invitation = _create(
        f"{i}/organizations/{org}/invitations",
        owner,
        {"email_invited": "invitee@example.com", "scopes": ["member"]},
    )["id"]
    webhook = _create(
        f"{base}/webhooks",
        owner,
        {"name": "fuzz", "url": "https://hooks.example.com/in", "auth": {"type": "none"}},
    )["id"]
    return {
        "issuer_id": issuer,
        "user_id": user,
        "member_id": user,
        "org_id": org,
        "invitation_id": invitation,
        "client_id": _create(f"{i}/clients", owner, {"name": "fuzz", "type": "m2m"})["id"],
        "agent_id": _create(f"{i}/agents", owner, {"name": "fuzz"})["id"],
        "webhook_id": webhook,
        # A key of its own: the fuzzer may block, rotate or revoke it.
        "key_id": _create(f"{base}/api-keys", owner, {"name": "target", "restrictions": {}})["id"],
    }


@pytest.fixture(scope="module")
def fuzz_system() -> Iterator[dict]:
    """A fresh system, real resources to fuzz, and keys holding every scope."""
    with running_system() as info:
        owner = (info["api_key_id"], info["api_key_secret"])
        base = f"{info['core_api_url']}/v1/accounts/{info['account_id']}"
        ids = {"account_id": info["account_id"], **_resources(base, owner)}
        keys = []
        for i in range(KEYS):
            created = requests.post(
                f"{base}/api-keys",
                json={"name": f"fuzz-{i}", "restrictions": {"scopes": ["*:**"]}},
                auth=owner,
                timeout=30,
            ).json()["data"]
            keys.append((created["id"], created["secret_plain"]))
        yield {**info, "ids": ids, "keys": itertools.cycle(keys)}


@pytest.fixture(scope="module")
def core_api_schema(fuzz_system: dict):
    return schemathesis.openapi.from_url(f"{fuzz_system['core_api_url']}/openapi.json")


schema = schemathesis.pytest.from_fixture("core_api_schema")


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_core_api_answers_as_its_openapi_document_says(case, fuzz_system: dict) -> None:
    # Real ids, so requests get past the 404 of a random one; other ids stay generated.
    ids = fuzz_system["ids"]
    params = dict(case.path_parameters or {})
    case.path_parameters = {name: ids.get(name, value) for name, value in params.items()}
    case.call_and_validate(auth=next(fuzz_system["keys"]), checks=CHECKS, timeout=30)
