"""``POST /batch/quotes`` and ``/batch/timelines``: a book of rows in, the computed rows out.

Internal.  The body is a JSON array of objects, one per row, whose keys are the columns of
``clararules.quote_cancellations`` or ``renewal_timelines``; or a CSV text (``text/csv``, a header
line naming the columns), whose cells are turned into what the door takes first as
``clararules batch`` does (yen and counts into ``int``, ``yes``/``no``/``true``/``false`` into a
flag, an empty cell into ``None``).  Every cell then goes through the library's input door; a
refused row refuses the request (422) with the library's message, which names the row.  The
answer is a JSON array: each row's computed columns (dates ``YYYY-MM-DD``, months ``YYYY-MM``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from clararules.cli.types import YEN, YES_NO, WholeType
from clararules.core.errors import ClaraRulesError
from clararules.server.problems import Problem

__all__ = ["BATCHES", "Batch", "compute_batch", "rows_of_csv", "rows_of_json"]

_COUNTS: Final = WholeType(0, 1200)
_FLAGS: Final = {"true": True, "false": False}


def _flag(text: str, name: str) -> object:
    known = _FLAGS.get(text.strip().casefold())
    return known if known is not None else YES_NO.door(text, name).value == "yes"


class Batch:
    """One batch endpoint: its columns in and out, how a CSV cell is read, and the function."""

    def __init__(
        self,
        function: str,
        required: Sequence[str],
        optional: Sequence[str],
        texts: Mapping[str, Callable[[str, str], object]],
        out: Mapping[str, Mapping[str, Any]],
    ) -> None:
        self.function, self.required, self.optional = function, tuple(required), tuple(optional)
        self.texts, self.out = texts, out

    def row_schema(self, cell: Mapping[str, Any]) -> dict[str, Any]:
        """The JSON Schema of an input row (each cell as the door takes it, or null)."""
        return {
            "type": "object",
            "properties": {name: dict(cell.get(name, {})) for name in self.columns},
            "required": list(self.required),
            "additionalProperties": False,
        }

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


_DAY: Final = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_MONTH: Final = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}
_INT: Final = {"type": "integer"}

BATCHES: Final[Mapping[str, Batch]] = {
    "quotes": Batch(
        "quote_cancellations",
        ("monthly_fee", "activated_on", "minimum_term_months", "received_at"),
        ("service", "special_agreement_term_months", "desired_month"),
        {
            "monthly_fee": lambda text, name: YEN.door(text, name),
            "minimum_term_months": _COUNTS.door,
            "special_agreement_term_months": _COUNTS.door,
        },
        {
            "month": _MONTH,
            "effective_on": _DAY,
            "shifted": {"type": "boolean"},
            "term_start": _MONTH,
            "term_end": _MONTH,
            "months_used": _INT,
            "months_short": _INT,
            "amount": _INT,
            "amount_with_tax": _INT,
        },
    ),
    "timelines": Batch(
        "renewal_timelines",
        ("domain", "registry_expiry"),
        ("payment", "domain_only"),
        {"domain_only": _flag},
        {
            "contract_end": _DAY,
            "order_window_first": _DAY,
            "order_window_last": _DAY,
            "fee_notice_on": _DAY,
            "reminders": {"type": "array", "items": _DAY},
            "pay_by": _DAY,
        },
    ),
}
"""The batch endpoints by name: ``/batch/<name>``."""


def rows_of_json(data: object) -> list[dict[str, Any]]:
    """The rows of a JSON body: an array of objects."""
    if not isinstance(data, list):
        raise Problem(422, "server.rows", {"row": 0})
    for index, row in enumerate(data, 1):
        if not isinstance(row, dict):
            raise Problem(422, "server.rows", {"row": index})
    return data


def rows_of_csv(body: bytes, batch: Batch) -> list[dict[str, Any]]:
    """The rows of a CSV body, each cell read as ``clararules batch`` reads it."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Problem(400, "server.not_utf8", {"position": error.start + 1}) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    try:
        for record in reader:
            if not record:
                continue
            if header is None:
                header = [name.strip() for name in record]
                continue
            if len(record) != len(header):
                figures = {"line": reader.line_num, "got": len(record), "expected": len(header)}
                raise Problem(422, "server.csv_cells", figures)
            rows.append(_csv_row(header, record, batch, reader.line_num))
    except csv.Error:
        raise Problem(400, "server.csv", {"line": reader.line_num or 1}) from None
    if header is None:
        raise Problem(422, "server.csv_header")
    return rows


def _csv_row(header: list[str], record: list[str], batch: Batch, line: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, text in zip(header, record, strict=True):
        convert = batch.texts.get(name)
        if not text.strip():
            row[name] = None
        elif convert is None:
            row[name] = text
        else:
            try:
                row[name] = convert(text, f"line {line}: {name}")
            except ClaraRulesError as error:
                raise Problem.of(error) from None
    return row


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)  # a Month: YYYY-MM


ARROW_STREAM: Final = "application/vnd.apache.arrow.stream"
"""The media type of an Arrow IPC stream body (a table of the batch's columns)."""


def compute_arrow(batch: Batch, body: bytes) -> list[dict[str, Any]]:
    """The computed rows of an Arrow IPC stream body: the table goes to the library as it is
    (its typed columns take the vector path)."""
    import clararules

    try:
        import pyarrow as pa
    except ImportError:  # the batch extra is not installed
        raise Problem(415, "server.arrow", {"why": "pyarrow is not installed"}) from None
    try:
        table = pa.ipc.open_stream(body).read_all()
    except (pa.ArrowInvalid, OSError, ValueError) as error:
        raise Problem(400, "server.arrow", {"why": type(error).__name__}) from None
    try:
        out = getattr(clararules, batch.function)(table)
    except ClaraRulesError as error:
        raise Problem.of(error) from None
    return [
        {name: _plain(row[name]) for name in batch.out}
        for row in out.select(batch.out).to_pylist()
    ]


def compute_batch(batch: Batch, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The computed rows of ``rows`` (the library refuses an unknown or missing column)."""
    import clararules

    names = list(dict.fromkeys(name for row in rows for name in row)) or list(batch.required)
    book = {name: [row.get(name) for row in rows] for name in names}
    function = getattr(clararules, batch.function)
    try:
        out = function(book)
    except ClaraRulesError as error:
        raise Problem.of(error) from None
    return [{name: _plain(out[name][index]) for name in batch.out} for index in range(len(rows))]
