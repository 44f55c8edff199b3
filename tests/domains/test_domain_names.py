"""Domain names (D3, D9): parsing, IDN and kinds."""

import csv
import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import clararules
from clararules import ClosingBasis, DomainKind, DomainName, InvalidDomainName, restore_window
from clararules.core.errors import ClaraRulesError, InvalidInputType
from clararules.domains.names import PREFECTURE_LABELS


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


# ---------------------------------------------------------------- D9: IANA TLD types


def _iana_rows():
    """The shipped data file, read here with ``csv`` (not with the library's loader)."""
    path = Path(clararules.__file__).parent / "domains" / "data" / "tld_types.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    assert rows and set(rows[0]) == {"tld", "type", "unicode"}
    return rows


IANA_ROWS = _iana_rows()
GENERIC_TYPES = ("generic", "sponsored", "generic-restricted")


def _expected_kind(row):
    if row["tld"] == "jp":
        return DomainKind.GENERIC_JP
    return DomainKind.GTLD if row["type"] in GENERIC_TYPES else DomainKind.OTHER


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("例え.中国", DomainKind.OTHER),
        ("example.рф", DomainKind.OTHER),
        ("example.香港", DomainKind.OTHER),
        ("example.한국", DomainKind.OTHER),
        ("example.xn--p1ai", DomainKind.OTHER),  # .рф in its A-label form
        ("example.test", DomainKind.OTHER),
        ("www.example.example", DomainKind.OTHER),
        ("example.invalid", DomainKind.OTHER),
        ("example.localhost", DomainKind.OTHER),
        ("1.0.0.127.in-addr.arpa", DomainKind.OTHER),
        ("example.uk", DomainKind.OTHER),
        ("example.cn", DomainKind.OTHER),
        ("example.zz", DomainKind.OTHER),  # not in the root zone database
        ("example.nosuchtld", DomainKind.OTHER),
        ("example.com", DomainKind.GTLD),
        ("example.net", DomainKind.GTLD),
        ("example.tokyo", DomainKind.GTLD),
        ("例え.みんな", DomainKind.GTLD),
        ("example.xn--q9jyb4c", DomainKind.GTLD),  # .みんな in its A-label form
        ("example.museum", DomainKind.GTLD),
        ("example.aero", DomainKind.GTLD),
        ("example.biz", DomainKind.GTLD),
    ],
)
def test_d9_kind_by_iana_type(text, kind):
    """D9: gTLD means IANA type generic, sponsored or generic-restricted; IDN ccTLDs, .arpa,
    reserved names (RFC 2606/6761) and unknown TLDs are 'other' (close unknown)."""
    assert DomainName.parse(text).kind is kind


def test_d9_idn_cctld_restore_close_unknown():
    """D9: an IDN ccTLD (.中国) opens at contract end + 1 day and its close is unknown."""
    w = restore_window("例え.中国", dt.date(2027, 3, 10))
    assert w.kind is DomainKind.OTHER
    assert w.opens == dt.date(2027, 3, 11)
    assert w.closes is None
    assert w.closing_basis is ClosingBasis.UNKNOWN
    assert any("ask support" in s.en for s in w.explanation)
    generic = restore_window("例え.みんな", dt.date(2027, 3, 10))
    assert generic.closing_basis is ClosingBasis.ESTIMATE


def test_d9_data_file_source_and_types():
    """D9: the data file names its source and snapshot, and holds only IANA's six types."""
    path = Path(clararules.__file__).parent / "domains" / "data" / "tld_types.tsv"
    header = path.read_text(encoding="utf-8").split("\ntld\t", 1)[0]
    assert "https://www.iana.org/domains/root/db" in header
    assert "2026-06-01" in header
    types = {row["type"] for row in IANA_ROWS}
    assert types == {
        "generic",
        "country-code",
        "sponsored",
        "generic-restricted",
        "infrastructure",
        "test",
    }
    names = [row["tld"] for row in IANA_ROWS]
    assert len(names) == len(set(names)) > 1500
    assert all(name.isascii() and name == name.lower() for name in names)


def test_d9_two_letter_ascii_tlds_are_country_codes():
    """D9: every two-letter ASCII TLD in the data is a country code, and every ASCII country
    code has two letters."""
    two_letter = [row for row in IANA_ROWS if len(row["tld"]) == 2 and row["tld"].isalpha()]
    assert len(two_letter) > 240
    assert all(row["type"] == "country-code" for row in two_letter)
    ascii_cc = [r for r in IANA_ROWS if r["type"] == "country-code" and r["tld"] == r["unicode"]]
    assert all(len(row["tld"]) == 2 for row in ascii_cc)


def test_d9_every_tld_in_the_data():
    """D9: every TLD of the data, in A-label and Unicode form, is classified by its type."""
    for row in IANA_ROWS:
        for form in (row["tld"], row["unicode"]):
            name = DomainName.parse(f"example.{form}")
            assert name.ascii == f"example.{row['tld']}"
            assert name.unicode == f"example.{row['unicode']}"
            assert name.kind is _expected_kind(row), row


@given(st.sampled_from(IANA_ROWS), st.sampled_from(["tld", "unicode"]), st.booleans())
def test_d9_classification_agrees_with_data(row, form, upper):
    """D9: the kind of a name under any TLD of the data follows that TLD's IANA type, whatever
    the form (A-label or Unicode, any case, trailing dot) and path (ASCII fast path or idna)."""
    tld = row[form].upper() if upper else row[form]
    for text in (f"shop.{tld}", f"www.shop.{tld}."):
        name = DomainName.parse(text)
        assert name.kind is _expected_kind(row)
        assert DomainName._parse_with_idna(text) == name
        assert DomainName._parse_with_idna(text).kind is name.kind


# ---------------------------------------------------------------- direct construction


def test_d3_constructor_accepts_what_parse_gives():
    """D3/D9: DomainName(ascii, unicode, kind) is accepted when it is what parse gives."""
    for text in ("example.com", "例え.東京.jp", "例え.中国", "shop.co.jp"):
        parsed = DomainName.parse(text)
        built = DomainName(parsed.ascii, parsed.unicode, parsed.kind)
        assert built == parsed
        assert (built.unicode, built.kind) == (parsed.unicode, parsed.kind)
    assert attrs.evolve(DomainName.parse("a.com")) == DomainName.parse("a.com")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("example.cn", "example.cn", DomainKind.GTLD), "not a normalised"),  # D9 kind
        (("xn--fiqs8s.xn--fiqs8s", "中国.中国", DomainKind.GTLD), "not a normalised"),
        (("example.com", "example.com", DomainKind.OTHER), "not a normalised"),
        (("example.jp", "example.jp", DomainKind.ATTRIBUTE_JP), "not a normalised"),
        (("Example.COM", "example.com", DomainKind.GTLD), "not a normalised"),
        (("example.com.", "example.com", DomainKind.GTLD), "not a normalised"),
        (("例え.jp", "例え.jp", DomainKind.GENERIC_JP), "not a normalised"),
        (("xn--r8jz45g.jp", "xn--r8jz45g.jp", DomainKind.GENERIC_JP), "not a normalised"),
        (("example.com", "other.com", DomainKind.GTLD), "not a normalised"),
        (("", "", DomainKind.OTHER), "empty"),
        (("x", "y", DomainKind.OTHER), "single label"),
        (("co.jp", "co.jp", DomainKind.GENERIC_JP), "second-level zone"),
    ],
)
def test_d3_constructor_refuses_what_parse_would_not_give(args, match):
    """D3/D9: a directly built name must be exactly what parse gives, else InvalidDomainName."""
    with pytest.raises(InvalidDomainName, match=match) as info:
        DomainName(*args)
    assert isinstance(info.value, ClaraRulesError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "args",
    [
        ("x", "y", "z"),
        ("example.com", "example.com", "gtld"),
        ("example.com", "example.com", None),
        (b"example.com", "example.com", DomainKind.GTLD),
        ("example.com", None, DomainKind.GTLD),
        (1, 2, 3),
    ],
)
def test_d3_constructor_refuses_wrong_types(args):
    """D3: wrong member types raise InvalidInputType (a ValueError and a TypeError)."""
    with pytest.raises(InvalidInputType, match="must be a") as info:
        DomainName(*args)
    assert isinstance(info.value, ClaraRulesError) and isinstance(info.value, ValueError)
    assert isinstance(info.value, TypeError)


# ---------------------------------------------------------------- short messages

_TEN_MB = 10_000_000


@pytest.mark.parametrize(
    "text",
    [
        "a" * _TEN_MB,
        "a" * _TEN_MB + ".jp",
        "_" * _TEN_MB + ".jp",
        "例" * _TEN_MB + ".jp",
        "a.b." * (_TEN_MB // 4),
        " " * _TEN_MB,
    ],
    ids=["ascii", "long-label", "bad-chars", "kanji", "many-labels", "spaces"],
)
def test_d3_long_input_message_is_short(text):
    """D3/D9: a 10 MB name is refused with a message that quotes only an excerpt of it."""
    with pytest.raises(InvalidDomainName) as info:
        DomainName.parse(text)
    message = str(info.value)
    assert len(message) < 500
    assert f"…[+{len(text) - 60}]" in message
    with pytest.raises(InvalidDomainName) as built:
        DomainName(text, text, DomainKind.OTHER)
    assert len(str(built.value)) < 500
    with pytest.raises(InvalidDomainName) as mismatch:
        DomainName("example.com", text, DomainKind.GTLD)
    assert len(str(mismatch.value)) < 500


def test_d3_non_str_message_does_not_echo_the_value():
    """D3: a non-str input is refused by its type name, without echoing the value."""
    big = b"x" * _TEN_MB

    class Huge:
        def __repr__(self):
            return "h" * _TEN_MB

    for value in (big, Huge(), ["a"] * 1000):
        with pytest.raises(InvalidInputType) as info:
            DomainName.parse(value)  # type: ignore[arg-type]
        assert len(str(info.value)) < 200
        assert "xxxx" not in str(info.value) and "hhhh" not in str(info.value)
        with pytest.raises(InvalidInputType) as built:
            DomainName(value, "a.com", DomainKind.GTLD)  # type: ignore[arg-type]
        assert len(str(built.value)) < 200


def test_the_jp_kinds_are_the_three_jp_members():
    """D3: ``is_jp`` (read from the member's value) names exactly the three .jp kinds."""
    from clararules import DomainKind

    jp = {kind for kind in DomainKind if kind.is_jp}
    assert jp == {DomainKind.GENERIC_JP, DomainKind.ATTRIBUTE_JP, DomainKind.GEOGRAPHIC_JP}
