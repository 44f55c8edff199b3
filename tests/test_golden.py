"""G5: approved outputs — every explanation, figure and refusal message of the catalogue in
tests/golden.py is exactly as reviewed (regenerate with ``python -m tests.golden --update``).

Each test computes its section inside the test, so that tools which map code to the tests
that run it (mutation testing) see these tests."""

import json

from .golden import GOLDEN, errors_snapshot, parameters_snapshot, results_snapshot

APPROVED = json.loads(GOLDEN.read_text(encoding="utf-8"))


def _differences(now, approved):
    names = sorted(set(now) | set(approved))
    return [name for name in names if now.get(name) != approved.get(name)]


def test_golden_results():
    """Each result's figures and both sentences are the approved ones (names the cases)."""
    assert _differences(results_snapshot(), APPROVED["results"]) == []


def test_golden_errors():
    """Each refusal has the approved type and message: what was wrong, what is accepted."""
    now = errors_snapshot()
    assert [name for name, (kind, _) in now.items() if kind == "no error"] == []
    assert _differences(now, APPROVED["errors"]) == []


def test_golden_parameters():
    """The default dated parameters, with their dates and sources, are the approved ones."""
    assert _differences(parameters_snapshot(), APPROVED["parameters"]) == []
