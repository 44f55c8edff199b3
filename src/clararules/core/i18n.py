"""Message catalogs (G5): every user-facing text, in English and Japanese, read with Babel.

The texts live in gettext catalogs, one per locale and rule family
(``clararules/locales/<lang>/LC_MESSAGES/<family>.po``: ``core``, ``contracts``, ``domains``,
``procedures``, ``cli``), read with Babel's ``read_po`` on first use.  A message id is a key
such as ``"C2.arrived"``; its text is a :meth:`str.format` template over typed figures.  A
field's format spec says how a figure reads in the language:

=====================  ==========================================================
``{fee_yen:yen}``      whole yen as ``¥30,000``
``{n:unit.month}``     a count with its unit, plural by the locale (``1 month``, ``3 months``)
``{day:ordinal}``      an ordinal by the locale's CLDR rules (``1st``, ``2nd``, ``21st``)
``{kind:enum.X}``      an enum value's label (message ``enum.X.<value>``)
``{names:list.X}``     a tuple of values, each by its label (``X.<value>``), joined
``{since:since}``      a dated value's start, or "always" for the first value of a parameter
``{dates:list}``       a tuple of values shown as they are, joined by the locale's separator
``{names:services}``   service names; ``"VPS*"`` reads as the VPS series
=====================  ==========================================================

A figure that is itself a refusal (a :class:`ClaraRulesError`, e.g. the ``why`` of an error in
a parameter file) reads as that refusal's message in the same language.

>>> render("unit.month", {"n": 3}, "en"), render("unit.month", {"n": 1}, "en")
('3 months', '1 month')
>>> render("unit.month", {"n": 3}, "ja")
'3か月'
>>> format_figure(21, "ordinal", "en"), format_figure("credit_card", "enum.PaymentMethod", "ja")
('21st', 'クレジットカード')
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Mapping
from typing import Any, Final

from clararules.core.errors import ClaraRulesError, InvalidInput, excerpt

__all__ = [
    "FAMILIES",
    "LANGUAGES",
    "PSEUDO",
    "format_figure",
    "format_value",
    "has_message",
    "messages",
    "render",
]

LANGUAGES: Final = ("en", "ja")
"""The languages every text is written in."""

PSEUDO: Final = "en-XA"
"""A pseudo-locale for tests: every English message wrapped in ``⟦…⟧`` with its own letters
made full-width (``Ｔｈｅ``), so that any plain ASCII word in an output came from outside the
catalogs (a figure carrying words, a hard-coded string)."""

FAMILIES: Final = ("core", "contracts", "domains", "procedures", "cli", "server")
"""The catalogs of each locale, one per rule family."""

EPOCH: Final = "0001-01-01"
"""The start of a parameter's first value ("always")."""

Message = str | tuple[str, ...]


class _Catalog:
    """The messages of one language, and its plural rule."""

    def __init__(self, lang: str, texts: dict[str, Message], plural: Callable[[int], int]):
        self.lang = lang
        self.texts = texts
        self.plural = plural


@functools.cache
def _catalog(lang: str) -> _Catalog:
    if lang == PSEUDO:
        base = _catalog("en")
        return _Catalog(
            PSEUDO,
            {key: _pseudo(text) for key, text in base.texts.items()},
            base.plural,
        )
    if lang not in LANGUAGES:
        raise InvalidInput(key="error.language", lang=excerpt(lang, 20))
    import importlib.resources  # on first use, not at import

    from babel.messages.pofile import read_po  # read when a text is first needed

    folder = importlib.resources.files("clararules").joinpath("locales", lang, "LC_MESSAGES")
    texts: dict[str, Message] = {}
    plural_expr = "0"
    for family in FAMILIES:
        with folder.joinpath(f"{family}.po").open("rb") as fp:
            catalog = read_po(fp, locale=lang, domain=family)
        plural_expr = catalog.plural_expr
        for message in catalog:
            if not message.id:
                continue  # the header
            key = message.id[0] if isinstance(message.id, tuple | list) else message.id
            if key in texts:
                raise InvalidInput(f"message {key!r} is in more than one {lang} catalog")
            string_ = message.string
            if isinstance(string_, tuple | list):
                texts[key] = tuple(form or "" for form in string_)
            else:
                texts[key] = string_ or ""
    import gettext

    return _Catalog(lang, texts, gettext.c2py(plural_expr))


_FULL_WIDTH: Final = {c: chr(ord(c) - 0x21 + 0xFF01) for c in map(chr, range(0x21, 0x7F))}
_FULL_WIDTH.update({c: c for c in "{}"})


def _pseudo(text: Message) -> Message:
    if isinstance(text, tuple):
        return tuple(_pseudo_form(form) for form in text)
    return _pseudo_form(text)


def _pseudo_form(text: str) -> str:
    """The template with its literal letters full-width and its fields kept as they are."""
    out = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        out.append(
            "".join(_FULL_WIDTH.get(c, c) if c.isascii() and c.isalpha() else c for c in literal)
            .replace("{", "{{")
            .replace("}", "}}")
        )
        if name is not None:
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            out.append("{" + field + "}")
    return "⟦" + "".join(out) + "⟧"


def messages(lang: str) -> Mapping[str, Message]:
    """Every message of ``lang`` by key (plural messages as a tuple of forms).

    >>> messages("ja")["enum.Rounding.down"]
    '切り捨て'
    """
    return _catalog(lang).texts


def has_message(key: str) -> bool:
    """Whether the English catalog has ``key`` (every catalog has the same keys; tested)."""
    return key in _catalog("en").texts


def _template(key: str, lang: str, count: int | None = None) -> str:
    catalog = _catalog(lang)
    try:
        text = catalog.texts[key]
    except KeyError:
        raise InvalidInput(f"no message {excerpt(key)} in the {lang} catalog") from None
    if isinstance(text, tuple):
        index = catalog.plural(0 if count is None else abs(count))
        return text[min(index, len(text) - 1)]
    return text


def _yen_text(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return str(value)
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,}"


def format_figure(value: Any, spec: str, lang: str) -> str:
    """One figure as it reads in ``lang`` under a format spec (see the module docstring)."""
    if spec == "yen":
        return _yen_text(value)
    if spec.startswith("unit."):
        return _fill(_template(spec, lang, value), {"n": value}, lang)
    if spec == "ordinal":
        from babel import Locale

        form = Locale.parse("en" if lang == PSEUDO else lang).ordinal_form(abs(value))
        return _fill(_template(f"ordinal.{form}", lang), {"n": value}, lang)
    if spec.startswith("enum."):
        return _template(f"{spec}.{value}", lang)
    if spec.startswith("list."):
        items = value if isinstance(value, tuple | list) else (value,)
        family = spec[len("list.") :]
        return _template("list.separator", lang).join(
            _template(f"{family}.{item}", lang) for item in items
        )
    if spec == "since":
        if isinstance(value, tuple | list):
            return _template("list.separator", lang).join(
                format_figure(v, "since", lang) for v in value
            )
        return _template("since.always", lang) if value == EPOCH else str(value)
    if spec == "list":  # values shown as they are (dates, names), joined by the locale
        items = value if isinstance(value, tuple | list) else (value,)
        return _template("list.separator", lang).join(str(item) for item in items)
    if spec == "services":  # service names as they are; "VPS*" reads as the VPS series
        items = value if isinstance(value, tuple | list) else (value,)
        return _template("list.separator", lang).join(
            _fill(_template("service.series", lang), {"name": i[:-1]}, lang)
            if i.endswith("*")
            else i
            for i in items
        )
    if spec:
        raise InvalidInput(f"unknown format spec {excerpt(spec)} in a message")
    if isinstance(value, bool):
        return _template(f"bool.{str(value).lower()}", lang)
    if isinstance(value, ClaraRulesError):  # a refusal inside a refusal, in the same language
        return value.text(lang)
    return str(value)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "y":
            return _yen_text(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        return format_figure(value, format_spec, self.lang)


class _Formatters(dict[str, _Formatter]):
    def __missing__(self, lang: str) -> _Formatter:
        formatter = self[lang] = _Formatter(lang)
        return formatter


_FORMATTERS: Final = _Formatters()


def format_value(value: Any, lang: str, spec: str = "") -> str:
    """A typed value (not a figure) as a table shows it in ``lang``.

    Enum members read by their label, booleans as yes/no, ``None`` as a dash, instants as JST
    wall time, tuples joined; ``spec`` is a figure format spec for ints (e.g. ``unit.month``).

    >>> from clararules import PaymentMethod, Yen
    >>> format_value(PaymentMethod.DIRECT_DEBIT, "ja"), format_value(Yen(5000), "en")
    ('口座振替', '¥5,000')
    >>> format_value(None, "en"), format_value(True, "ja"), format_value(3, "en", "unit.month")
    ('—', 'はい', '3 months')
    """
    import datetime
    import enum

    if value is None:
        return "—"
    if isinstance(value, enum.Enum):
        return _template(f"enum.{type(value).__name__}.{value.value}", lang)
    if isinstance(value, bool):
        return _template(f"bool.{str(value).lower()}", lang)
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, tuple | list):
        return _template("list.separator", lang).join(format_value(v, lang, spec) for v in value)
    if spec:
        return format_figure(value, spec, lang)
    return str(value)


def render(key: str, figures: Mapping[str, Any], lang: str = "en") -> str:
    """The message ``key`` in ``lang``, filled with ``figures``.

    A plural message takes its form from the figure ``n``.

    >>> render("G3.rate", {"rate": "10%", "rate_since": "2019-10-01", "base_yen": 30000,
    ...     "tax_yen": 3000, "supplied": "2026-10-31", "rounding": "down"}, "ja")
    '2026-10-31の提供分 ¥30,000 に消費税 10%（適用開始: 2019-10-01）: ¥3,000（この税率の合計で一度だけ切り捨て）。'
    """
    count = figures.get("n")
    return _fill(_template(key, lang, count if isinstance(count, int) else None), figures, lang)


def _fill(template: str, figures: Mapping[str, Any], lang: str) -> str:
    """``template`` with its fields filled from ``figures``, each read by its format spec."""
    parts = _PARSED.get(template)
    if parts is None:
        parts = _PARSED[template] = _parse(template)
    if not parts:  # a template string.Formatter must read itself (nested or numbered fields)
        return _FORMATTERS[lang].vformat(template, (), figures)
    out = []
    for literal, field, spec, conversion in parts:
        out.append(literal)
        if field is None:
            continue
        value = figures[field]
        if conversion == "y":
            value = _yen_text(value)
        elif conversion:
            value = _CONVERSIONS[conversion](value)
        out.append(format_figure(value, spec, lang))
    return "".join(out)


_Part = tuple[str, str | None, str, str | None]
_PARSED: dict[str, tuple[_Part, ...]] = {}
"""Each template as string.Formatter parses it (literal, field, spec, conversion), parsed once:
rendering is then a join, without the Formatter's parse and recursion on every sentence."""
_CONVERSIONS: Final[dict[str, Callable[[object], str]]] = {"r": repr, "s": str, "a": ascii}


def _parse(template: str) -> tuple[_Part, ...]:
    """The parts of ``template``; empty when a field is numbered, positional, has attributes or
    items, or a nested spec (then string.Formatter renders it)."""
    parts = tuple(string.Formatter().parse(template))
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        plain = field.isidentifier() and "{" not in (spec or "")
        if not plain or (conversion is not None and conversion not in ("y", *_CONVERSIONS)):
            return ()
    return tuple(
        (literal, field, spec or "", conversion) for literal, field, spec, conversion in parts
    )
