"""D3, D9 on columns: the door of a column of domain names, for the vector paths of
:func:`~clararules.renewal_timelines` (``batch_timeline.py``) and
:func:`~clararules.restore_windows` (``batch_restore.py``).

The vector path takes a *plain* name: a name ``DomainName.parse`` reads without IDNA (ASCII
letters, digits and hyphens in labels of 1 to 63 characters, a top-level label of 2 to 63
letters, at most 253 characters, no ``--`` in a label's third and fourth places; upper case is
lowered, one trailing dot dropped: ``names._plain_ascii``).  A column of cells (a ``dict``
book, an ``object`` DataFrame column) goes through ``DomainName.parse`` once per *distinct*
cell, unless every cell is a ``str`` (then it is read as an Arrow string column, with pyarrow
installed).  An Arrow string column is matched against the same grammar by one RE2 pass
(``pyarrow.compute``), with no Python call per row: a timeline needs only whether a name is
.jp (its top-level label, D3); a restore window needs its kind (D9), which is the kind
``DomainName.parse`` gives one representative name of each distinct class (top-level label,
second-level zone label such as ``co`` or ``tokyo`` or none, two labels or more).  Any other
cell — an IDN or ``xn--`` name, a refused name, a null, a cell of another type — and a zone
alone (``co.jp``, refused) send their rows to the scalar rules, which read the cell exactly as
the scalar functions do.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from typing import Any, Final

from clararules.core.errors import ClaraRulesError
from clararules.domains import names as _names
from clararules.domains.names import ATTRIBUTE_LABELS, PREFECTURE_LABELS, DomainKind, DomainName
from clararules.io import batch_quote as vector
from clararules.io.batch_columns import distinct

__all__ = ["KINDS", "KIND_CODE", "PLAIN", "domain_kinds", "jp_names"]

Array = Any  # a numpy array (numpy is optional)

KINDS: Final = tuple(DomainKind)
"""The kinds of name, by code (a row's kind is its index here)."""
KIND_CODE: Final = {kind: code for code, kind in enumerate(KINDS)}
_DOT: Final = ord(".")
_MAX_NAME: Final = 253
_ZONES: Final = tuple(sorted(z for z in ATTRIBUTE_LABELS | PREFECTURE_LABELS if z.isascii()))
"""The ASCII second-level labels that decide a .jp kind (D3) and are refused as names alone."""
# A label of _names._LDH_NAME without "--" in its third and fourth places (lengths 1, 2-4 and
# 5-63), so that one match is _names._plain_ascii's test.
_LABEL: Final = (
    r"[a-z0-9](?:[a-z0-9-]{0,2}[a-z0-9]|"
    r"[a-z0-9-](?:[a-z0-9][a-z0-9-]|-[a-z0-9])[a-z0-9-]{0,58}[a-z0-9])?"
)
PLAIN: Final = rf"^(?:{_LABEL}\.)+[a-z]{{2,63}}\.?$"
"""The grammar of plain names (RE2), matched after ASCII lower-casing."""


# ---------------------------------------------------------------- names (D3, D9)


def _kind_code(value: Any) -> int:
    """D3: the kind code of a cell the vector path takes (a DomainName, or a plain name the
    door accepts); any other cell raises (its row goes to the scalar rules)."""
    if isinstance(value, DomainName):
        return KIND_CODE[value.kind]
    if not isinstance(value, str) or _names._plain_ascii(value) is None:
        raise ValueError("not a plain name")  # IDN, refused or not text: the scalar rules
    return KIND_CODE[DomainName.parse(value).kind]


def _arrow_of(column: Any) -> Any:
    """A list of ``str`` cells as an Arrow string column, read as one (with pyarrow
    installed); any other column as it is."""
    if not isinstance(column, Sequence) or importlib.util.find_spec("pyarrow") is None:
        return column
    if not all(type(value) is str for value in column):
        return column  # other cells (DomainName, None, bytes...): one distinct cell at a time
    try:
        return importlib.import_module("pyarrow").array(column, type="string")
    except ValueError:  # a lone surrogate UTF-8 cannot hold: the cells one by one
        return column


def _strings(column: Any) -> Any:
    """An Arrow column of names as a (large) string array, or ``None`` for another type."""
    pa = importlib.import_module("pyarrow")
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    if getattr(pa.types, "is_string_view", lambda _: False)(column.type):
        column = column.cast(pa.large_string())
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column
    return None


def _plain(column: Any) -> tuple[Any, Array, Array, Array, Array]:
    """An Arrow string column lower-cased, its offsets, the end of each name (before a
    trailing dot), its bytes, and the mask of plain names (not yet the zones)."""
    np, pa = vector.numpy(), importlib.import_module("pyarrow")
    pc = importlib.import_module("pyarrow.compute")
    low = pc.ascii_lower(column)
    plain = pc.match_substring_regex(low, PLAIN).fill_null(False).to_numpy(zero_copy_only=False)
    width = np.int64 if pa.types.is_large_string(low.type) else np.int32
    _, offsets_buffer, data_buffer = low.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=width, count=low.offset + len(low) + 1)
    offsets = offsets[low.offset :].astype(np.int64)
    data = np.zeros(4, dtype=np.uint8)  # no plain name is shorter than 4 bytes
    if data_buffer is not None and data_buffer.size >= 4:
        data = np.frombuffer(data_buffer, dtype=np.uint8)
    ends = offsets[1:]
    last = data[np.clip(ends - 1, 0, len(data) - 1)]
    ends = ends - ((ends > offsets[:-1]) & (last == _DOT))
    plain &= ends - offsets[:-1] <= _MAX_NAME
    return low, offsets, ends, data, plain


def jp_names(column: Any, rows: int) -> tuple[Array, Array]:
    """D3: the mask of the names the vector path takes, and of the .jp names among them."""
    np = vector.numpy()
    jp_kinds = np.array([kind.is_jp for kind in KINDS])
    column = _arrow_of(column)
    if isinstance(column, Sequence):
        codes = vector._cells(column, _kind_code)
        taken = codes >= 0
        return taken, taken & jp_kinds[np.maximum(codes, 0)]
    strings = _strings(column)
    if strings is None or not rows:
        return np.zeros(rows, dtype=bool), np.zeros(rows, dtype=bool)
    pa, pc = importlib.import_module("pyarrow"), importlib.import_module("pyarrow.compute")
    low, offsets, ends, data, taken = _plain(strings)
    # A plain name is .jp when its last three bytes (before a trailing dot) are ".jp".
    at = np.where(taken, ends, 3)  # a plain name has 4 bytes or more
    jp = taken & (data[at - 1] == ord("p")) & (data[at - 2] == ord("j")) & (data[at - 3] == _DOT)
    # D3: a zone alone ("co.jp") is refused: look up the .jp names short enough to be one.
    short = np.flatnonzero(jp & (ends - offsets[:-1] <= max(map(len, _ZONES)) + 3))
    if len(short):
        zones = pa.array([f"{zone}.jp{dot}" for zone in _ZONES for dot in ("", ".")], low.type)
        zone = pc.is_in(low.take(pa.array(short)), value_set=zones).to_numpy(zero_copy_only=False)
        taken[short[zone]] = False
    return taken, taken & jp


def _pieces(data: Array, starts: Array, stops: Array) -> Any:
    """The bytes ``starts[i]:stops[i]`` of ``data``, as an Arrow large_string column."""
    np, pa = vector.numpy(), importlib.import_module("pyarrow")
    lengths = stops - starts
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    index = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
    return pa.LargeStringArray.from_buffers(
        len(lengths), pa.py_buffer(offsets), pa.py_buffer(data[index])
    )


def _representative(key: int, tlds: list[str]) -> int:
    """D3, D9: the kind code of the names of class ``key`` (a top-level label, a zone label
    or none, three labels or more), as ``DomainName.parse`` gives it for one name of the
    class; -1 when the door refuses it (a zone alone, such as ``co.jp``)."""
    rest, three = divmod(key, 2)
    tld, zone = divmod(rest, len(_ZONES) + 1)
    second = _ZONES[zone - 1] if zone else "x"
    try:
        return KIND_CODE[DomainName.parse(f"{'x.' if three else ''}{second}.{tlds[tld]}").kind]
    except ClaraRulesError:
        return -1


def domain_kinds(column: Any, rows: int) -> Array:
    """D3, D9: each row's kind code, or -1 for a row the scalar rules must take."""
    np = vector.numpy()
    column = _arrow_of(column)
    if isinstance(column, Sequence):
        codes = vector._cells(column, _kind_code)
        return np.where(codes >= 0, codes, -1)
    strings = _strings(column)
    if strings is None or not rows:
        return np.full(rows, -1, dtype=np.int64)
    pa, pc = importlib.import_module("pyarrow"), importlib.import_module("pyarrow.compute")
    _, offsets, ends, data, taken = _plain(strings)
    if not taken.any():
        return np.full(rows, -1, dtype=np.int64)
    dots = np.flatnonzero(data == _DOT)
    at = np.searchsorted(dots, ends) - 1  # a plain name's last dot: its top-level label follows
    last = dots[np.maximum(at, 0)]
    encoded = _pieces(data, np.where(taken, last + 1, 0), np.where(taken, ends, 0))
    encoded = encoded.dictionary_encode()
    tld = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    tlds = encoded.dictionary.to_pylist()
    jp = taken & (tld == tlds.index("jp")) if "jp" in tlds else np.zeros(rows, dtype=bool)
    before = dots[np.maximum(at - 1, 0)]
    three = jp & (at >= 1) & (before >= offsets[:-1])  # a label before the second-level one
    second = _pieces(
        data, np.where(jp, np.where(three, before + 1, offsets[:-1]), 0), np.where(jp, last, 0)
    )
    zones = pa.array(_ZONES, pa.large_string())
    zone = pc.index_in(second, value_set=zones).fill_null(-1).to_numpy(zero_copy_only=False)
    key = (tld * (len(_ZONES) + 1) + zone + 1) * 2 + three
    positions, keys = distinct(np, np.where(taken, key, 0))
    codes = np.array([_representative(key, tlds) for key in keys], dtype=np.int64)
    return np.where(taken, codes[positions], -1)
