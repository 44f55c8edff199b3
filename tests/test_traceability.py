"""Traceability: every rule ID of docs/rules.md is cited by the code and by at least one test."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE = re.compile(r"^- \*\*([GCPD]\d+)\b", re.MULTILINE)


def rule_ids() -> list[str]:
    return RULE.findall((ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))


def cited_in(folder: Path, rule: str) -> bool:
    pattern = re.compile(rf"(?<![\w-]){rule}(?![\d\w])")
    return any(pattern.search(p.read_text(encoding="utf-8")) for p in folder.rglob("*.py"))


def test_rules_md_lists_every_family():
    """docs/rules.md numbers G1-G6, C1-C12, P1-P6 and D1-D9 without gaps."""
    ids = rule_ids()
    expected = (
        [f"G{i}" for i in range(1, 7)]
        + [f"C{i}" for i in range(1, 13)]
        + [f"P{i}" for i in range(1, 7)]
        + [f"D{i}" for i in range(1, 10)]
    )
    assert ids == expected


def test_every_rule_is_cited_by_code_and_tests():
    """Each rule ID is cited in src/clararules and in tests/ (the failure names the gaps)."""
    this_file = Path(__file__).name
    uncovered_code = [r for r in rule_ids() if not cited_in(ROOT / "src" / "clararules", r)]
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if p.name != this_file]
    uncovered_tests = [
        r
        for r in rule_ids()
        if not any(
            re.search(rf"(?<![\w-]){r}(?![\d\w])", p.read_text(encoding="utf-8")) for p in tests
        )
    ]
    assert not uncovered_code, f"rule IDs not cited by the code: {uncovered_code}"
    assert not uncovered_tests, f"rule IDs not cited by any test: {uncovered_tests}"
