"""G5: the message catalogs (en, ja) — the same keys and placeholders everywhere, every format
spec resolvable, plurals and ordinals by the locale's rules, and no "(s)" in English."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import ClaraRulesError
from clararules.core.i18n import LANGUAGES, format_figure, messages, render

FIELDS = string.Formatter()


def _fields(text):
    """(name, spec) of every replacement field of a template."""
    return {(name, spec or "") for _, name, spec, _ in FIELDS.parse(text) if name is not None}


def _forms(message):
    return message if isinstance(message, tuple) else (message,)


def test_every_key_is_in_every_catalog():
    """Each catalog has exactly the keys of the English one, plural where it is plural."""
    en = messages("en")
    for lang in LANGUAGES:
        other = messages(lang)
        assert sorted(other) == sorted(en), lang
        for key, text in en.items():
            assert isinstance(other[key], tuple) == isinstance(text, tuple), (lang, key)


def test_every_message_has_the_same_placeholders():
    """A sentence names the same figures in every language (its formats may differ)."""
    en, ja = messages("en"), messages("ja")
    for key in en:
        names_en = {name for form in _forms(en[key]) for name, _ in _fields(form)}
        names_ja = {name for form in _forms(ja[key]) for name, _ in _fields(form)}
        assert names_en == names_ja, key


def test_every_format_spec_resolves():
    """Every ``{x:spec}`` names a unit, enum or label family the catalogs hold."""
    for lang in LANGUAGES:
        catalog = messages(lang)
        for key, message in catalog.items():
            for form in _forms(message):
                for _, spec in _fields(form):
                    if spec.startswith(("unit.", "enum.")):
                        assert any(k == spec or k.startswith(spec + ".") for k in catalog), (
                            key,
                            spec,
                        )
                    elif spec.startswith("list."):
                        family = spec[len("list.") :]
                        assert any(k.startswith(family + ".") for k in catalog), (key, spec)
                    else:
                        assert spec in ("", "yen", "ordinal", "since", "list", "services"), (
                            key,
                            spec,
                        )


def test_no_english_message_says_s_in_brackets():
    """English plurals come from the catalog's plural forms, never "(s)"."""
    for key, message in messages("en").items():
        for form in _forms(message):
            assert "(s)" not in form, key


@given(st.integers(0, 10_000))
def test_plural_and_ordinal_rules(n):
    """1 month / n months in English, one form in Japanese; 1st 2nd 3rd 4th 11th 12th 13th 21st."""
    en = render("unit.month", {"n": n}, "en")
    assert en == (f"{n} month" if n == 1 else f"{n} months")
    assert render("unit.month", {"n": n}, "ja") == f"{n}か月"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    assert format_figure(n, "ordinal", "en") == f"{n}{suffix}"


def test_unknown_language_and_key_refused():
    """A language or message that does not exist is refused with a library error."""
    with pytest.raises(ClaraRulesError, match="en, ja"):
        render("unit.month", {"n": 1}, "fr")
    with pytest.raises(ClaraRulesError, match="no message"):
        render("no.such.key", {}, "en")


def test_every_public_enum_has_a_label_in_every_language():
    """G5: each member of every enum of the API reads by a label, in English and Japanese."""
    import enum

    import clararules

    public = [getattr(clararules, name) for name in clararules.__all__]  # lazy names too
    enums = [value for value in public if isinstance(value, type) and issubclass(value, enum.Enum)]
    assert len(enums) >= 15
    for lang in LANGUAGES:
        catalog = messages(lang)
        for kind in enums:
            for member in kind:
                label = catalog.get(f"enum.{kind.__name__}.{member.value}")
                assert label, (lang, kind.__name__, member.value)


def test_fast_fill_reads_every_template_as_string_formatter_does():
    """G5: a sentence is filled from the template parsed once (``_fill``); for every template
    of both catalogs, with figures of every kind a spec takes, it reads exactly as
    string.Formatter with the same field formatting would read it."""
    import string

    from clararules.core import i18n

    class Reference(string.Formatter):
        def __init__(self, lang: str) -> None:
            self.lang = lang

        def convert_field(self, value, conversion):
            if conversion == "y":
                return i18n._yen_text(value)
            return super().convert_field(value, conversion)

        def format_field(self, value, spec):
            return i18n.format_figure(value, spec, self.lang)

    def sample(spec: str):
        if spec.startswith(("unit.", "ordinal", "yen")):
            return 3
        if spec.startswith(("list.", "enum.")):
            return None  # needs a catalog value: left to the golden outputs
        return "2019-10-01"

    compared = 0
    for lang in LANGUAGES:
        for text in i18n._catalog(lang).texts.values():
            for template in text if isinstance(text, tuple) else (text,):
                parts = list(string.Formatter().parse(template))
                figures = {}
                for _, field, spec, _conversion in parts:
                    if field is not None:
                        figures[field] = sample(spec or "")
                if any(value is None for value in figures.values()):
                    continue
                assert i18n._fill(template, figures, lang) == Reference(lang).vformat(
                    template, (), figures
                ), template
                compared += 1
    assert compared > 500
