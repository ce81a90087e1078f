"""Starts the local system the way `pnpm dev` does and hands tests its dev.json."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from doh_server import DohServer

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE = REPO_ROOT / "node_modules" / ".bin" / "node"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_system(extra_env: dict[str, str] | None = None) -> Iterator[dict]:
    """Starts a fresh system (its own state and ports) and yields its dev.json; stops it after."""
    state = Path(tempfile.mkdtemp(prefix="authpi-pytest-"))
    env = {
        **os.environ,
        "AUTHPI_DIR": str(state),
        "IDP_PORT": str(_free_port()),
        "CORE_PORT": str(_free_port()),
        "UPSTREAM_PORT": str(_free_port()),
        **(extra_env or {}),
    }
    proc = subprocess.Popen(
        [str(NODE), "scripts/dev.ts"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    dev_json = state / "dev.json"
    deadline = time.monotonic() + 120
    try:
        while not dev_json.exists():
            if proc.poll() is not None:
                raise RuntimeError(f"pnpm dev exited early: {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError("pnpm dev did not write dev.json within 120 s")
            time.sleep(0.2)
        yield json.loads(dev_json.read_text())
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="session")
def doh():
    """A local DNS-over-HTTPS resolver the system verifies domains against."""
    server = DohServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def dev(doh: DohServer) -> Iterator[dict]:
    """The running system's URLs and seeded demo credentials (`.authpi/dev.json`)."""
    with running_system({"DOH_RESOLVER_URL": doh.url}) as info:
        yield info
