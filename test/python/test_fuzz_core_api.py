"""Schemathesis fuzzes the Core API from its own /openapi.json, on a system of its own.

The bar: no 5xx and no response outside the document (status codes, content types, response
schemas). Runs are reproducible (Hypothesis `derandomize`) and bounded (`max_examples`, about
two minutes). The IdP API publishes no OpenAPI document, so only the Core API is fuzzed here.
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


@pytest.fixture(scope="module")
def fuzz_system() -> Iterator[dict]:
    """A fresh system, an issuer to fuzz inside, and keys holding every scope."""
    with running_system() as info:
        owner = (info["api_key_id"], info["api_key_secret"])
        base = f"{info['core_api_url']}/v1/accounts/{info['account_id']}"
        issuer = requests.post(f"{base}/issuers", json={"name": "fuzz"}, auth=owner, timeout=30)
        keys = []
        for i in range(KEYS):
            created = requests.post(
                f"{base}/api-keys",
                json={"name": f"fuzz-{i}", "restrictions": {"scopes": ["*:**"]}},
                auth=owner,
                timeout=30,
            ).json()["data"]
            keys.append((created["id"], created["secret_plain"]))
        yield {**info, "fuzz_issuer_id": issuer.json()["data"]["id"], "keys": itertools.cycle(keys)}


@pytest.fixture(scope="module")
def core_api_schema(fuzz_system: dict):
    return schemathesis.openapi.from_url(f"{fuzz_system['core_api_url']}/openapi.json")


schema = schemathesis.pytest.from_fixture("core_api_schema")


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_core_api_answers_as_its_openapi_document_says(case, fuzz_system: dict) -> None:
    # The seeded account and the fuzz issuer, so requests get past the 404 of a random id.
    params = dict(case.path_parameters or {})
    if "account_id" in params:
        params["account_id"] = fuzz_system["account_id"]
    if "issuer_id" in params:
        params["issuer_id"] = fuzz_system["fuzz_issuer_id"]
    case.path_parameters = params
    case.call_and_validate(auth=next(fuzz_system["keys"]), checks=CHECKS, timeout=30)
