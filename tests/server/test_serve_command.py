"""``clararules serve``: refuses a missing server extra with one line."""

from __future__ import annotations

import importlib.util

from click.testing import CliRunner

from clararules.cli.serve import serve_command


def test_refuses_a_missing_extra(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a)
    )
    done = CliRunner().invoke(serve_command, ["--port", "8000"])
    assert done.exit_code == 2
    assert "pip install 'clararules[server]'" in done.output


def test_help_names_host_and_port():
    done = CliRunner().invoke(serve_command, ["--help"])
    assert done.exit_code == 0
    assert "--host" in done.output and "--port" in done.output
