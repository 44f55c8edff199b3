"""The two jobs of ``clararules batch``: what each subcommand computes, the text cells it
turns into what the input door takes first, and the Arrow types of its output columns.

Internal (see :mod:`clararules.cli.batch_command`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from clararules.cli.types import YEN, YES_NO, WholeType
from clararules.core.money import Rounding
from clararules.core.parameters import Parameters

__all__ = ["_Job", "_quotes_job", "_timelines_job"]

_FLAGS: Final = {"true": True, "false": False}


def _whole(name: str) -> Callable[[str], object]:
    # The bounds of the library's own check of a count of months (core.door.whole).
    counts = WholeType(0, 1200)
    return lambda text: counts.door(text, name)


def _yen(name: str) -> Callable[[str], object]:
    return lambda text: YEN.door(text, name)


def _flag(name: str) -> Callable[[str], object]:
    def convert(text: str) -> object:
        known = _FLAGS.get(text.strip().casefold())
        return known if known is not None else YES_NO.door(text, name).value == "yes"

    return convert


@attrs.frozen
class _Job:
    """What a subcommand computes: the library function, the text cells it converts first,
    and the Arrow types of its output columns (for a Parquet file)."""

    columns: tuple[str, ...]
    texts: Mapping[str, Callable[[str], object]]
    compute: Callable[[Any], Any]
    arrow_types: Callable[[Any], Mapping[str, Any]]


def _quote_types(pa: Any) -> dict[str, Any]:
    from clararules.io.batch import QUOTE_COLUMNS

    month, count = pa.string(), pa.int64()
    types = (month, pa.date32(), pa.bool_(), month, month, count, count, count, count)
    return dict(zip(QUOTE_COLUMNS, types, strict=True))


def _timeline_types(pa: Any) -> dict[str, Any]:
    from clararules.io.batch import TIMELINE_COLUMNS

    day = pa.date32()
    return dict(zip(TIMELINE_COLUMNS, (day, day, day, day, pa.list_(day), day), strict=True))


def _quotes_job(rounding: Rounding, parameters: Parameters | None) -> _Job:
    from clararules import quote_cancellations
    from clararules.io.batch import QUOTE_COLUMNS

    return _Job(
        columns=QUOTE_COLUMNS,
        texts={
            "monthly_fee": _yen("monthly_fee"),
            "minimum_term_months": _whole("minimum_term_months"),
            "special_agreement_term_months": _whole("special_agreement_term_months"),
        },
        compute=lambda book: quote_cancellations(book, rounding, parameters),
        arrow_types=_quote_types,
    )


def _timelines_job(parameters: Parameters | None) -> _Job:
    from clararules import renewal_timelines
    from clararules.io.batch import TIMELINE_COLUMNS

    return _Job(
        columns=TIMELINE_COLUMNS,
        texts={"domain_only": _flag("domain_only")},
        compute=lambda book: renewal_timelines(book, parameters=parameters),
        arrow_types=_timeline_types,
    )
