"""Domain names and their kinds (D3, D9): parsing, IDN, and classification.

IDNA work (case mapping, Japanese labels, ``xn--`` forms) is done by the ``idna`` package
(IDNA 2008 with the UTS #46 mapping), not by hand.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Final

import attrs
import idna

from ._errors import InvalidDomainName, InvalidInputType

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
    """A top-level label that is not a two-letter country code: .com, .net, .tokyo..."""
    OTHER = "other"
    """Any other country-code name (.uk, .cn...)."""

    @property
    def is_jp(self) -> bool:
        """Whether this is one of the .jp kinds."""
        return self in (DomainKind.GENERIC_JP, DomainKind.ATTRIBUTE_JP, DomainKind.GEOGRAPHIC_JP)


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
    if not text.isascii():
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


def _refuse(text: str, why: str) -> InvalidDomainName:
    return InvalidDomainName(
        f"{text!r} is not a valid domain name: {why}. Accepted: labels of 1-63 octets of "
        f"letters, digits or hyphens (not at either end) or Japanese (IDN) labels, separated by "
        f"dots, at least two labels, at most 253 characters, e.g. 'example.co.jp' or '例え.jp'"
    )


def _classify(labels: tuple[str, ...]) -> DomainKind:
    tld = labels[-1]
    if tld == "jp":
        second = labels[-2]
        if len(labels) >= 3 and second in ATTRIBUTE_LABELS:
            return DomainKind.ATTRIBUTE_JP
        if len(labels) >= 3 and second in PREFECTURE_LABELS:
            return DomainKind.GEOGRAPHIC_JP
        return DomainKind.GENERIC_JP
    if len(tld) == 2 and tld.isascii() and tld.isalpha():
        return DomainKind.OTHER
    return DomainKind.GTLD


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
    clararules._errors.InvalidDomainName: '-bad-.jp' is not a valid domain name: ...
    """

    ascii: str
    """The A-label (``xn--``) form, the canonical one compared by ``==``."""
    unicode: str = attrs.field(eq=False)
    """The Unicode form, for people."""
    kind: DomainKind = attrs.field(eq=False)

    @classmethod
    def parse(cls, text: str) -> DomainName:
        """Parse and normalise ``text``; refuse anything that is not a registrable-looking name.

        Raises ``InvalidDomainName`` for any string that is not a valid name.
        """
        if not isinstance(text, str):
            raise InvalidInputType(f"a domain name must be a str, got {type(text).__name__}")
        return _parse(text)

    @classmethod
    def _parse_with_idna(cls, text: str) -> DomainName:
        """The full IDNA path (also used by the tests to check the ASCII fast path)."""
        if not text:
            raise _refuse(text, "it is empty")
        if any(ch.isspace() for ch in text):
            raise _refuse(text, "it contains white space")
        try:
            # idna checks label lengths (63), the name's length (253) and empty labels, and
            # gives the Unicode form of a valid A-label.
            encoded = idna.encode(text, uts46=True).decode("ascii")
            unicode = idna.decode(encoded)
        except (idna.IDNAError, UnicodeError, ValueError) as error:
            raise _refuse(text, str(error)) from None
        # Only one trailing dot (the root) comes through idna.
        encoded, unicode = encoded.removesuffix("."), unicode.removesuffix(".")
        labels = encoded.split(".")
        if len(labels) < 2:
            raise _refuse(text, "it has a single label (a top-level domain alone)")
        tld = labels[-1]
        if not (tld.isalpha() or tld.startswith("xn--")):
            raise _refuse(text, f"the top-level label {tld!r} is not alphabetic")
        return cls._checked(text, encoded, unicode)

    @classmethod
    def _checked(cls, text: str, encoded: str, unicode: str) -> DomainName:
        ulabels = tuple(unicode.split("."))
        if ulabels[-1] == "jp" and len(ulabels) == 2 and ulabels[0] in _ZONES:
            raise _refuse(text, f"'{ulabels[0]}.jp' is a .jp second-level zone, not a name")
        return cls(encoded, unicode, _classify(ulabels))

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
