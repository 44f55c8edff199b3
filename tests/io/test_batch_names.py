"""D3, D9 on columns: the door of a column of domain names (``batch_names``) takes exactly the
plain names ``DomainName.parse`` reads without IDNA and accepts, with the kind it gives them,
for an Arrow column, a list of ``str`` and a list of other cells."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clararules import ClaraRulesError, DomainName, renewal_timelines
from clararules.io import batch_names

from .test_batch_timeline import D, _taken, names

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")

_ascii_text = st.text(alphabet="abjpcotkyuAJP019-._", max_size=24)
# Labels of 0 to 66 characters with hyphens anywhere, zone labels and top-level labels (a
# digit, an A-label, upper case), one or two trailing dots; names of 240 to 260 characters.
_labels = st.text(alphabet="ab0-", max_size=66)
_tlds = st.sampled_from(["jp", "com", "uk", "j", "c0m", "tokyo", "co", "xn--p1ai", "JP", "Com"])
_zones = st.sampled_from(["co", "tokyo", "or", "x", "osaka", "kagoshima"])
_built = st.builds(
    lambda labels, zone, tld, dots: ".".join([*labels, zone, tld]) + dots,
    st.lists(_labels, max_size=4),
    _zones,
    _tlds,
    st.sampled_from(["", ".", ".."]),
)
_long = st.integers(240, 260).map(
    lambda n: ("a" * 60 + ".") * (n // 61) + "b" * max(1, n % 61 - 3) + ".jp"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_ascii_text, names, _ascii_text.map(lambda t: t + ".jp"), _built, _long),
        min_size=1,
    )
)
@example(["a" * 63 + ".com", "a" * 64 + ".com", "ab-cd.jp", "abc--d.jp", "ab--.jp", "a-.jp"])
@example(["co.jp", "CO.JP.", "x.co.jp", "x.tokyo.jp", "tokyo.jp", "x.x.jp", "例え.jp", "jp"])
@example(["ex.jp", "\ud800"])  # a lone surrogate: not UTF-8, the scalar door refuses it
def test_name_door_is_the_scalar_door(texts):
    """D3, D9: on an Arrow column and on a list of cells, a name takes the vector path exactly
    when it is a plain name (``names._plain_ascii``) that ``DomainName.parse`` accepts, with
    the kind ``DomainName.parse`` gives it (restore windows) and whether it is .jp
    (timelines)."""
    want = [batch_names.KIND_CODE[DomainName.parse(t).kind] if _taken(t) else -1 for t in texts]
    try:
        arrow = [pa.array(texts), pa.array(texts, pa.large_string())]
        arrow.append(arrow[0].dictionary_encode())
    except ValueError:  # a lone surrogate
        arrow = []
    # A list of str (read as Arrow), a list with another cell (one distinct cell at a time).
    for column, expected in ((texts, want), ([*texts, None], [*want, -1])):
        for cells in (column, *(a for a in arrow if len(column) == len(texts))):
            assert batch_names.domain_kinds(cells, len(expected)).tolist() == expected
            taken, jp = batch_names.jp_names(cells, len(expected))
            assert taken.tolist() == [code >= 0 for code in expected]
            is_jp = [code >= 0 and batch_names.KINDS[code].is_jp for code in expected]
            assert jp.tolist() == is_jp


def test_name_door_of_other_types_and_nulls():
    """D3: a null, a column of another type and an empty column send their rows to the scalar
    rules (which refuse them)."""
    kinds = batch_names.domain_kinds(pa.array(["example.jp", None, "ex.com"]), 3).tolist()
    assert kinds == [0, -1, 3]
    assert batch_names.domain_kinds(pa.array([1, 2]), 2).tolist() == [-1, -1]
    assert batch_names.domain_kinds(pa.array([], pa.string()), 0).tolist() == []
    with pytest.raises(ClaraRulesError, match=r"^row 1: "):
        renewal_timelines(
            pa.table({"domain": ["example.jp", None], "registry_expiry": [D(2027, 3, 31)] * 2})
        )
