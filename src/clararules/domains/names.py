"""Domain names and their kinds (D3, D9): parsing, IDN, and classification.

IDNA work (case mapping, Japanese labels, ``xn--`` forms) is done by the ``idna`` package
(IDNA 2008 with the UTS #46 mapping), not by hand.  Top-level domains other than .jp are
classified by their type in the IANA Root Zone Database, shipped as ``data/tld_types.tsv``.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Any, Final

import attrs

from clararules.core.errors import (
    EXCERPT_LIMIT,
    InvalidDomainName,
    InvalidInput,
    InvalidInputType,
    excerpt,
)

__all__ = ["ATTRIBUTE_LABELS", "PREFECTURE_LABELS", "DomainKind", "DomainName", "as_domain"]


class DomainKind(enum.Enum):
    """The kind of a domain name, which decides its contract end (D3) and restore window (D9)."""

    GENERIC_JP = "generic_jp"
    """汎用 JP: ``example.jp``."""
    ATTRIBUTE_JP = "attribute_jp"
    """属性型 JP: ``example.co.jp`` (co, or, ne, ac, ad, ed, go, gr, lg)."""
    GEOGRAPHIC_JP = "geographic_jp"
    """都道府県型 JP: ``example.tokyo.jp`` or ``example.東京.jp``."""
    GTLD = "gtld"
    """A TLD whose IANA Root Zone Database type is generic, sponsored or generic-restricted:
    .com, .net, .tokyo, .みんな, .museum, .aero, .biz..."""
    OTHER = "other"
    """Any other TLD: country codes in any script (.uk, .cn, .中国, .рф, .香港), .arpa, the
    reserved names of RFC 2606/6761 (.test, .example, .invalid, .localhost), IANA's test TLDs
    and any TLD missing from the database.  Its restore close is unknown (ask support)."""

    @property
    def is_jp(self) -> bool:
        """Whether this is one of the .jp kinds."""
        # By the member's own value (the three .jp kinds end in "_jp"): looking members up on
        # the class costs more than the rest of a contract end (D3).
        return self._value_.endswith("_jp")


ATTRIBUTE_LABELS: Final = frozenset({"co", "or", "ne", "ac", "ad", "ed", "go", "gr", "lg"})
"""Second-level labels of attribute-type .jp names."""

_PREFECTURES: Final = (
    ("hokkaido", "北海道"), ("aomori", "青森"), ("iwate", "岩手"), ("miyagi", "宮城"),
    ("akita", "秋田"), ("yamagata", "山形"), ("fukushima", "福島"), ("ibaraki", "茨城"),
    ("tochigi", "栃木"), ("gunma", "群馬"), ("saitama", "埼玉"), ("chiba", "千葉"),
    ("tokyo", "東京"), ("kanagawa", "神奈川"), ("niigata", "新潟"), ("toyama", "富山"),
    ("ishikawa", "石川"), ("fukui", "福井"), ("yamanashi", "山梨"), ("nagano", "長野"),
    ("gifu", "岐阜"), ("shizuoka", "静岡"), ("aichi", "愛知"), ("mie", "三重"),
    ("shiga", "滋賀"), ("kyoto", "京都"), ("osaka", "大阪"), ("hyogo", "兵庫"),
    ("nara", "奈良"), ("wakayama", "和歌山"), ("tottori", "鳥取"), ("shimane", "島根"),
    ("okayama", "岡山"), ("hiroshima", "広島"), ("yamaguchi", "山口"), ("tokushima", "徳島"),
    ("kagawa", "香川"), ("ehime", "愛媛"), ("kochi", "高知"), ("fukuoka", "福岡"),
    ("saga", "佐賀"), ("nagasaki", "長崎"), ("kumamoto", "熊本"), ("oita", "大分"),
    ("miyazaki", "宮崎"), ("kagoshima", "鹿児島"), ("okinawa", "沖縄"),
)  # fmt: skip

PREFECTURE_LABELS: Final = frozenset(
    [romaji for romaji, _ in _PREFECTURES] + [kanji for _, kanji in _PREFECTURES]
)
"""Prefecture labels of geographic-type .jp names, in romaji and in kanji (47 each)."""

_MAX_NAME = 253


_LDH_NAME: Final = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?")


def _plain_ascii(text: str) -> str | None:
    """The normalised name when ``text`` is a plain ASCII LDH name, else ``None``.

    For such names IDNA changes nothing but case, so the ``idna`` codec can be skipped; any
    other text (non-ASCII, ``xn--`` labels, hyphens in the 3rd and 4th places) goes through it.
    """
    if not text.isascii() or len(text) > _MAX_NAME + 1:
        return None
    lowered = text.lower()
    if not _LDH_NAME.fullmatch(lowered):
        return None
    name = lowered[:-1] if lowered.endswith(".") else lowered
    if len(name) > _MAX_NAME:
        return None
    if "--" in name and any(label[2:4] == "--" for label in name.split(".")):
        return None
    return name


def _type_name(value: object) -> str:
    """The name of the type of ``value`` alone: a message never echoes a non-str value."""
    return type(value).__name__[:EXCERPT_LIMIT]


def _refuse(text: str, reason: str, **figures: object) -> InvalidDomainName:
    """D3: the refusal of ``text``, for a reason (message ``D3.error.name_<reason>``)."""
    return InvalidDomainName(key=f"D3.error.name_{reason}", text=excerpt(text), **figures)


def _refuse_idna(text: str, why: str) -> InvalidDomainName:
    """D3: the refusal of ``text`` for the reason the ``idna`` package gave (in English)."""
    if len(why) > 2 * EXCERPT_LIMIT:  # idna's reasons may quote a (long) label
        why = why[: 2 * EXCERPT_LIMIT] + "…"
    return _refuse(text, "idna", why=why)


_TLD_TYPES: Final = (
    "generic",
    "country-code",
    "sponsored",
    "generic-restricted",
    "infrastructure",
    "test",
)
"""The types of top-level domains in the IANA Root Zone Database."""

_GENERIC_TYPES: Final = frozenset({"generic", "sponsored", "generic-restricted"})
"""IANA types whose names get the gTLD restore estimate (D9)."""

_SPECIAL_USE: Final = frozenset({"test", "example", "invalid", "localhost"})
"""Top-level names reserved by RFC 2606 and RFC 6761; not in the root zone."""


@functools.cache
def _tld_types() -> dict[str, str]:
    """IANA type of each TLD, by A-label and by Unicode form, from ``data/tld_types.tsv``."""
    import importlib.resources  # on first use, not at import

    data = importlib.resources.files("clararules.domains").joinpath("data", "tld_types.tsv")
    types: dict[str, str] = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "tld\ttype\tunicode":
            continue
        alabel, kind, ulabel = line.split("\t")
        if kind not in _TLD_TYPES:
            raise InvalidInput(key="D3.error.tld_data", type=excerpt(kind), tld=excerpt(alabel))
        types[alabel] = types[ulabel] = kind
    return types


def _tld_type(tld: str) -> str | None:
    """The IANA Root Zone Database type of a top-level label (A-label or Unicode), or ``None``.

    >>> _tld_type("com"), _tld_type("xn--fiqs8s"), _tld_type("中国"), _tld_type("test")
    ('generic', 'country-code', 'country-code', None)
    """
    return _tld_types().get(tld)


def _classify(labels: tuple[str, ...], tld: str) -> DomainKind:
    """The kind of a name from its Unicode labels and its top-level A-label (D3, D9)."""
    if tld == "jp":
        second = labels[-2]
        if len(labels) >= 3 and second in ATTRIBUTE_LABELS:
            return DomainKind.ATTRIBUTE_JP
        if len(labels) >= 3 and second in PREFECTURE_LABELS:
            return DomainKind.GEOGRAPHIC_JP
        return DomainKind.GENERIC_JP
    if tld not in _SPECIAL_USE and _tld_type(tld) in _GENERIC_TYPES:
        return DomainKind.GTLD
    return DomainKind.OTHER


def _must_be_str(instance: DomainName, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidInputType(
            key="D3.error.field_type", field=attribute.name, got=_type_name(value)
        )


def _must_be_kind(instance: DomainName, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, DomainKind):
        raise InvalidInputType(key="D3.error.kind_type", got=_type_name(value))


def _must_be_parsed(instance: DomainName, attribute: attrs.Attribute[Any], value: object) -> None:
    """The three fields must be exactly what ``DomainName.parse(ascii)`` gives.

    attrs runs validators once every field is set, in field order: ``kind`` is the last, so
    ``ascii`` and ``unicode`` are already known to be strings here.
    """
    try:
        parsed = _parse(instance.ascii)
    except InvalidDomainName as error:
        # The refusal of the ascii form itself says why (the key and figures of parse's).
        raise InvalidDomainName(key=error.key, **error.figures) from None
    if (parsed.ascii, parsed.unicode, parsed.kind) != (instance.ascii, instance.unicode, value):
        raise InvalidDomainName(
            key="D3.error.not_normalised",
            ascii=excerpt(instance.ascii),
            unicode=excerpt(instance.unicode),
            kind=str(value),
            parsed_ascii=excerpt(parsed.ascii),
            parsed_unicode=excerpt(parsed.unicode),
            parsed_kind=str(parsed.kind),
        )


@attrs.frozen(repr=False)
class DomainName:
    """A domain name, normalised: lower case, no trailing dot, both A-label and Unicode forms.

    >>> d = DomainName.parse("Example.CO.JP.")
    >>> d.ascii, d.kind
    ('example.co.jp', <DomainKind.ATTRIBUTE_JP: 'attribute_jp'>)
    >>> j = DomainName.parse("例え.東京.jp")
    >>> j.ascii, j.unicode, j.kind.value
    ('xn--r8jz45g.xn--1lqs71d.jp', '例え.東京.jp', 'geographic_jp')
    >>> DomainName.parse("xn--r8jz45g.jp") == DomainName.parse("例え.JP")
    True
    >>> DomainName.parse("-bad-.jp")
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidDomainName: '-bad-.jp' is not a valid domain name: ...

    Built directly, a name must be exactly what ``parse`` gives:

    >>> DomainName("example.com", "example.com", DomainKind.GTLD) == DomainName.parse("example.com")
    True
    >>> DomainName("example.cn", "example.cn", DomainKind.GTLD)
    Traceback (most recent call last):
    ...
    clararules.core.errors.InvalidDomainName: DomainName('example.cn', 'example.cn', DomainKind.GTLD) is not a normalised domain name: ...
    """

    ascii: str = attrs.field(validator=_must_be_str)
    """The A-label (``xn--``) form, the canonical one compared by ``==``."""
    unicode: str = attrs.field(eq=False, validator=_must_be_str)
    """The Unicode form, for people."""
    kind: DomainKind = attrs.field(eq=False, validator=[_must_be_kind, _must_be_parsed])

    @classmethod
    def parse(cls, text: str) -> DomainName:
        """Parse and normalise ``text``; refuse anything that is not a registrable-looking name.

        Raises ``InvalidDomainName`` for any string that is not a valid name.
        """
        if not isinstance(text, str):
            raise InvalidInputType(key="D3.error.name_type", got=_type_name(text))
        return _parse(text)

    @classmethod
    def _parse_with_idna(cls, text: str) -> DomainName:
        """The full IDNA path (also used by the tests to check the ASCII fast path)."""
        if not text:
            raise _refuse(text, "empty")
        if any(ch.isspace() for ch in text):
            raise _refuse(text, "space")
        if len(text) > _MAX_NAME + 1 and text.isascii():
            # ASCII maps one to one (case only): too long for idna too, refused without it.
            raise _refuse(text, "too_long")
        import idna  # only names that are not plain ASCII, or are refused, come here

        try:
            # idna checks label lengths (63), the name's length (253) and empty labels, and
            # gives the Unicode form of a valid A-label.
            encoded = idna.encode(text, uts46=True).decode("ascii")
            unicode = idna.decode(encoded)
        except (idna.IDNAError, UnicodeError, ValueError) as error:
            raise _refuse_idna(text, str(error)) from None
        # Only one trailing dot (the root) comes through idna.
        encoded, unicode = encoded.removesuffix("."), unicode.removesuffix(".")
        labels = encoded.split(".")
        if len(labels) < 2:
            raise _refuse(text, "single_label")
        tld = labels[-1]
        if not (tld.isalpha() or tld.startswith("xn--")):
            raise _refuse(text, "tld", tld=excerpt(tld))
        return cls._checked(text, encoded, unicode)

    @classmethod
    def _checked(cls, text: str, encoded: str, unicode: str) -> DomainName:
        ulabels = tuple(unicode.split("."))
        if ulabels[-1] == "jp" and len(ulabels) == 2 and ulabels[0] in _ZONES:
            raise _refuse(text, "zone", zone=f"'{ulabels[0]}.jp'")
        tld = encoded.rpartition(".")[2]
        return cls._trusted(encoded, unicode, _classify(ulabels, tld))

    @classmethod
    def _trusted(cls, encoded: str, unicode: str, kind: DomainKind) -> DomainName:
        """A name built by ``parse`` itself: skips the validators, which would parse it again."""
        made = object.__new__(cls)
        object.__setattr__(made, "ascii", encoded)
        object.__setattr__(made, "unicode", unicode)
        object.__setattr__(made, "kind", kind)
        return made

    def __str__(self) -> str:
        return self.unicode

    def __repr__(self) -> str:
        return f"DomainName({self.unicode!r})"


_ZONES: Final = ATTRIBUTE_LABELS | PREFECTURE_LABELS


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> DomainName:
    plain = _plain_ascii(text)
    if plain is not None:
        return DomainName._checked(text, plain, plain)
    return DomainName._parse_with_idna(text)


def as_domain(value: DomainName | str) -> DomainName:
    """A :class:`DomainName` from itself or from a string (``DomainName.parse``).

    >>> as_domain("example.com").kind
    <DomainKind.GTLD: 'gtld'>
    """
    if isinstance(value, DomainName):
        return value
    return DomainName.parse(value)
