"""Drives the hosted sign-in form the way a browser would, for SDK tests."""

from __future__ import annotations

import re

import httpx


def _field(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert match, f"no {name} in the sign-in page"
    return match.group(1)


def login(authorize_url: str, username: str, password: str) -> str:
    """GET the authorization URL, POST the form, return the callback URL it redirects to."""
    with httpx.Client(follow_redirects=False) as http:
        page = http.get(authorize_url)
        if page.status_code == 200:
            action = re.search(r'action="([^"]+)"', page.text)
            assert action, "no form action in the sign-in page"
            response = http.post(
                str(page.url.join(action.group(1))),
                data={
                    "request_id": _field(page.text, "request_id"),
                    "csrf_token": _field(page.text, "csrf_token"),
                    "username": username,
                    "password": password,
                },
            )
        else:
            response = page
        assert response.status_code in (302, 303), response.text[:500]
        return response.headers["location"]
