"""The transcripts of docs/cli.md (```text blocks of `$ clararules ...` lines) are what the
command line prints: each command runs in-process and its stdout and stderr, together, must be
the lines under it.  A line that redirects (`>`) or pipes (`|`) is shown, not run."""

import pathlib
import re
import shlex

import pytest

from .helpers import invoke

DOC = pathlib.Path(__file__).parents[2] / "docs" / "cli.md"
BLOCK = re.compile(r"```text\n(.*?)```", re.DOTALL)


def _transcripts():
    found = []
    for block in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        command, expected = None, []
        for line in [*block.splitlines(), "$ end"]:
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, expected))
                command, expected = line[2:], []
            else:
                expected.append(line)
    return [
        (command, expected)
        for command, expected in found
        if command.startswith("clararules ") and not re.search(r"[>|]", command)
    ]


TRANSCRIPTS = _transcripts()


def test_the_doc_has_transcripts():
    assert len(TRANSCRIPTS) >= 10


@pytest.mark.parametrize(("command", "expected"), TRANSCRIPTS, ids=[c for c, _ in TRANSCRIPTS])
def test_transcript(tmp_path, monkeypatch, command, expected):
    """docs/cli.md: the command prints exactly the lines shown under it."""
    monkeypatch.chdir(tmp_path)  # relative paths such as missing/renewal.ics
    _, stdout, stderr = invoke(*shlex.split(command)[1:])
    assert (stdout + stderr).splitlines() == expected
