"""Domain names (D3, D9): parsing, IDN and kinds."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clararules import DomainKind, DomainName, InvalidDomainName
from clararules._domain_names import PREFECTURE_LABELS
from clararules._errors import InvalidInputType


@pytest.mark.parametrize(
    ("text", "ascii_", "kind"),
    [
        ("example.jp", "example.jp", DomainKind.GENERIC_JP),
        ("EXAMPLE.JP.", "example.jp", DomainKind.GENERIC_JP),
        ("例え.jp", "xn--r8jz45g.jp", DomainKind.GENERIC_JP),
        ("XN--R8JZ45G.JP", "xn--r8jz45g.jp", DomainKind.GENERIC_JP),
        ("ｅｘａｍｐｌｅ．ｊｐ", "example.jp", DomainKind.GENERIC_JP),
        ("example.co.jp", "example.co.jp", DomainKind.ATTRIBUTE_JP),
        ("www.example.ne.jp", "www.example.ne.jp", DomainKind.ATTRIBUTE_JP),
        ("town.lg.jp", "town.lg.jp", DomainKind.ATTRIBUTE_JP),
        ("example.tokyo.jp", "example.tokyo.jp", DomainKind.GEOGRAPHIC_JP),
        ("example.東京.jp", "example.xn--1lqs71d.jp", DomainKind.GEOGRAPHIC_JP),
        ("example.okinawa.jp", "example.okinawa.jp", DomainKind.GEOGRAPHIC_JP),
        ("example.com", "example.com", DomainKind.GTLD),
        ("example.tokyo", "example.tokyo", DomainKind.GTLD),
        ("例え.みんな", "xn--r8jz45g.xn--q9jyb4c", DomainKind.GTLD),
        ("example.uk", "example.uk", DomainKind.OTHER),
        ("example.co.uk", "example.co.uk", DomainKind.OTHER),
    ],
)
def test_d3_parse_and_kind(text, ascii_, kind):
    """D3/D9: names are normalised (case, trailing dot, width, IDN) and classified."""
    name = DomainName.parse(text)
    assert name.ascii == ascii_
    assert name.kind is kind


def test_all_47_prefectures_both_scripts():
    """D3: geographic .jp covers all 47 prefectures, in romaji and in kanji."""
    assert len(PREFECTURE_LABELS) == 94
    for label in PREFECTURE_LABELS:
        assert DomainName.parse(f"example.{label}.jp").kind is DomainKind.GEOGRAPHIC_JP


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("example", "single label"),
        ("jp", "single label"),
        ("a..jp", "Empty Label"),
        ("example.jp..", "empty label|Empty Label"),
        ("-example.jp", "hyphen"),
        ("example-.jp", "hyphen"),
        ("ex ample.jp", "white space"),
        (" example.jp", "white space"),
        ("a" * 64 + ".jp", "too long|63"),
        (".".join(["a" * 60] * 5) + ".jp", "253|long"),
        ("under_score.jp", "not allowed"),
        ("example.123", "not alphabetic"),
        ("co.jp", "second-level zone"),
        ("tokyo.jp", "second-level zone"),
        ("xn--zz.jp", "Invalid"),
    ],
)
def test_parse_refuses(text, why):
    """D3: bad names raise InvalidDomainName (a ValueError) saying why and what is accepted."""
    with pytest.raises(InvalidDomainName, match=why) as info:
        DomainName.parse(text)
    assert "Accepted:" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_parse_refuses_non_strings():
    """D3: a non-string is refused with a typed error."""
    with pytest.raises(InvalidInputType):
        DomainName.parse(b"example.jp")  # type: ignore[arg-type]


@given(st.text())
@example("\u200d.jp")
@example("a\u3002jp")
@example("xn--.jp")
@example("ß.com")
def test_parse_fuzz_returns_or_refuses(text):
    """D3: any string gives a name or InvalidDomainName, nothing else; parse is idempotent."""
    try:
        name = DomainName.parse(text)
    except InvalidDomainName:
        return
    again = DomainName.parse(str(name))
    assert again == name
    assert again.unicode == name.unicode
    assert again.kind is name.kind
    assert DomainName.parse(name.ascii) == name
    assert len(name.ascii) <= 253


@given(
    st.from_regex(
        r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\.(co|or|ne|ac|ad|ed|go|gr|lg)\.jp", fullmatch=True
    )
)
def test_attribute_names_generated(text):
    """D3: any LDH label under an attribute second level is attribute-type .jp."""
    if "--" in text[2:4]:
        return
    assert DomainName.parse(text).kind is DomainKind.ATTRIBUTE_JP


@given(st.text(alphabet="abcXYZ019-.", max_size=30))
@example("ab--cd.jp")
@example("xn--r8jz45g.jp")
@example("Example.COM.")
@example("a.co.jp")
def test_ascii_fast_path_agrees_with_idna(text):
    """D3: the ASCII fast path gives exactly what the full IDNA path gives, or refuses too."""
    try:
        expected = DomainName._parse_with_idna(text)
    except InvalidDomainName:
        expected = None
    try:
        got = DomainName.parse(text)
    except InvalidDomainName:
        got = None
    if expected is None:
        assert got is None
    else:
        assert got == expected
        assert (got.unicode, got.kind) == (expected.unicode, expected.kind)
