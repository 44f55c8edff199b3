"""One voice out (G5): every text a result or a refusal shows comes from the message catalogs.

Three checks over the whole catalogue of results and refusals in tests/golden.py (every rule
family, every branch):
- Japanese holds no ASCII word of three letters or more, except names the customer typed
  (domain and service names), rule IDs, and the few abbreviations Japanese texts use as they
  are (JST, DNS, PDF...);
- English holds no "(s)";
- in the pseudo-locale (each catalog text with full-width letters, ``Ｔｈｅ``), no plain ASCII
  word appears either: a word there came from outside the catalogs (a figure carrying words,
  a hard-coded string).
"""

import re

import pytest

from clararules import ClaraRulesError
from clararules.core.i18n import PSEUDO

from .golden import _argument_errors, _cases, _errors

# Words the Japanese output may show as they are: abbreviations and proper names the glossary
# keeps in Latin letters, and what a customer typed (service names).
ALLOWED = {
    "JST", "UTC", "DNS", "PDF", "URL", "JPRS", "gTLD", "Plesk", "Webmin", "Suspended",
    "Flex", "Web", "Mini", "Cube", "Clara", "Cloud", "KUSANAGI", "with", "VPS", "FPS",
    "Pro", "ICANN", "RFC", "IANA", "Yen", "Month", "clararules", "YYYY", "ISO", "IDN",
}  # fmt: skip
DOMAIN = re.compile(r"(?:[\w-]+\.)+[\w-]+")
WORD = re.compile(r"[A-Za-z]{3,}")


def stray_words(text: str) -> list[str]:
    """ASCII words of 3+ letters outside domain names and the allowed words."""
    return [w for w in WORD.findall(DOMAIN.sub(" ", text)) if w not in ALLOWED]


def _texts(result, lang):
    """Everything a result shows: its explanation and its table (a result that has an
    explanation must be able to show it; plain values such as a parsed name show nothing)."""
    if not hasattr(result, "explanation"):
        return []
    assert hasattr(result, "explain") and hasattr(result, "table"), type(result).__name__
    return [result.explain(lang)] + [f"{label}: {value}" for label, value in result.table(lang)]


RESULTS = sorted(_cases().items())
ERRORS = sorted({**_errors(), **_argument_errors()}.items())


@pytest.mark.parametrize(("name", "make"), RESULTS, ids=[n for n, _ in RESULTS])
def test_japanese_output_has_no_stray_english(name, make):
    """G5: a result's Japanese explanation and table read in Japanese."""
    result = make()
    for text in _texts(result, "ja"):
        assert stray_words(text) == [], text


@pytest.mark.parametrize(("name", "make"), RESULTS, ids=[n for n, _ in RESULTS])
def test_english_output_has_no_s_in_brackets(name, make):
    """G5: English plurals come from the catalogs, never "month(s)"."""
    for text in _texts(make(), "en"):
        assert "(s)" not in text, text


@pytest.mark.parametrize(("name", "make"), RESULTS, ids=[n for n, _ in RESULTS])
def test_pseudo_locale_marks_every_text(name, make):
    """G5: in the pseudo-locale every word of a result's texts came through the catalogs."""
    for text in _texts(make(), PSEUDO):
        assert stray_words(text) == [], text


@pytest.mark.parametrize(("name", "make"), ERRORS, ids=[n for n, _ in ERRORS])
def test_refusals_read_in_japanese(name, make):
    """G5: every refusal has a Japanese message from the catalogs (names of arguments and
    Python types may stay as they are), and no English "(s)"."""
    with pytest.raises(ClaraRulesError) as info:
        make()
    error = info.value
    assert error.key is not None, f"{name}: message not from the catalogs: {error}"
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", error.text("ja")), error.text("ja")
    assert "(s)" not in str(error)
