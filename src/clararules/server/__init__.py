"""An HTTP service for systems not written in Python (``clararules serve``; ``docs/server.md``).

Needs the ``server`` extra (``pip install 'clararules[server]'``: Starlette and uvicorn).  Each
``POST`` endpoint takes, as a JSON body, the document the command line's ``--input`` takes and
answers ``clararules.to_dict(result)``; refusals are RFC 9457 problem documents in the language
of ``Accept-Language``.  Nothing here is imported by ``import clararules``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["create_app", "serve"]


def create_app() -> Starlette:
    """The ASGI application (Starlette)."""
    from clararules.server.app import create_app as make

    return make()


def serve(host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info") -> None:
    """Serve the application with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(), host=host, port=port, log_level=log_level, server_header=False)
