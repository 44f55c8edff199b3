"""``clararules serve``: the HTTP service (``clararules.server``) on a host and port.

Internal.  Needs the ``server`` extra (Starlette and uvicorn); without it the command refuses
with one line (exit 2) saying how to install it.
"""

from __future__ import annotations

import importlib.util

import click

__all__ = ["serve_command"]

_MISSING = (
    "the server extra is not installed (starlette and uvicorn): pip install 'clararules[server]'"
)


@click.command(
    "serve",
    epilog="\b\nExample:\n  clararules serve --host 127.0.0.1 --port 8000",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="uvicorn's log level.",
)
def serve_command(host: str, port: int, log_level: str) -> None:
    """Serve the rules over HTTP (JSON in, JSON out; GET /openapi.json describes it)."""
    if any(importlib.util.find_spec(name) is None for name in ("starlette", "uvicorn")):
        raise click.UsageError(_MISSING)
    from clararules.server import serve

    serve(host, port, log_level=log_level)
