"""G5: approved outputs — every explanation, figure and refusal message of the catalogue in
tests/golden.py is exactly as reviewed (regenerate with ``python -m tests.golden --update``).

The approved files are split per rule family and per locale (``tests/golden/<family>/``:
``figures.json``, ``en.json``, ``ja.json``, ``errors.json``), so a changed sentence shows as a
one-line diff in its own family and language.  Each test computes its section inside the test,
so that tools which map code to the tests that run it (mutation testing) see these tests."""

import json

import pytest

from .golden import GOLDEN_DIR, snapshot

NOW = snapshot()
APPROVED = {
    path.relative_to(GOLDEN_DIR).as_posix(): json.loads(path.read_text(encoding="utf-8"))
    for path in GOLDEN_DIR.rglob("*.json")
}


def _differences(now, approved):
    names = sorted(set(now) | set(approved))
    return [name for name in names if now.get(name) != approved.get(name)]


def test_golden_files_are_the_same_set():
    """Every approved file is still produced, and nothing new is unreviewed."""
    assert sorted(NOW) == sorted(APPROVED)


@pytest.mark.parametrize("name", sorted(NOW))
def test_golden(name):
    """Each case of the file is the approved one (the failure names the cases that differ)."""
    assert _differences(snapshot()[name], APPROVED.get(name, {})) == []


def test_no_case_is_an_unexpected_success():
    """Every refusal case of the catalogue still refuses."""
    errors = {
        case: value
        for name, cases in NOW.items()
        if name.endswith("errors.json")
        for case, value in cases.items()
    }
    assert [case for case, (kind, *_) in errors.items() if kind == "no error"] == []
