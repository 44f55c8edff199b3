"""G5: approved outputs — every explanation, figure and refusal message of the catalogue in
tests/golden.py is exactly as reviewed (regenerate with ``python -m tests.golden --update``)."""

import json

import pytest

from .golden import GOLDEN, snapshot

APPROVED = json.loads(GOLDEN.read_text(encoding="utf-8"))
NOW = snapshot()


@pytest.mark.parametrize("section", ["results", "errors", "parameters"])
def test_golden_keys(section):
    """The catalogue has the same cases as the approved file."""
    assert sorted(NOW[section]) == sorted(APPROVED[section])


@pytest.mark.parametrize("name", sorted(APPROVED["results"]))
def test_golden_result(name):
    """Each result's figures and sentences are the approved ones."""
    assert NOW["results"][name] == APPROVED["results"][name]


@pytest.mark.parametrize("name", sorted(APPROVED["errors"]))
def test_golden_error(name):
    """Each refusal has the approved type and message (what was wrong, what is accepted)."""
    kind, message = NOW["errors"][name]
    assert kind != "no error", f"{name} was not refused"
    assert [kind, message] == APPROVED["errors"][name]


def test_golden_parameters():
    """The default dated parameters, with their dates and sources, are the approved ones."""
    assert NOW["parameters"] == APPROVED["parameters"]
