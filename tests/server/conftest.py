"""A real server for the tests of ``clararules.server``: uvicorn on a free loopback port, in a
subprocess, started once per session; the tests call it with httpx."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

NEEDED = ("starlette", "uvicorn", "httpx")
MISSING = [name for name in NEEDED if importlib.util.find_spec(name) is None]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    code = f"from clararules.server import serve; serve('127.0.0.1', {port}, log_level='warning')"
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def wait_healthy(process: subprocess.Popen[bytes], url: str, timeout: float = 30.0) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"the server exited ({process.returncode}): {stderr}")
        try:
            if httpx.get(f"{url}/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no answer from {url}/health in {timeout} s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - uvicorn stops on SIGTERM
        process.kill()
        process.wait()
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """The base URL of a running server (``http://127.0.0.1:<port>``)."""
    if MISSING:
        pytest.skip(f"the server extra is not installed: {', '.join(MISSING)}")
    port = free_port()
    process = start_server(port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process, url)
        yield url
    finally:
        stop_server(process)
