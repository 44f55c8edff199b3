"""Parameter files (G6): the dated parameters as TOML, the package's defaults and a provider's own.

The format (``core/data/parameters.toml`` is its reference, ``docs/parameters.md`` its page):
one array of tables per parameter, named as the parameter (``[[consumption_tax_rate]]``); each
entry is one dated value with ``since`` (a TOML date; ``0001-01-01`` means from the start),
``value``, ``source`` and, where one is known, ``url``.  A rate is an exact fraction in a string
(``"10/100"``), a fee whole yen as an integer, a number of days, months or minutes an integer,
a list of days an array of integers, a service list a table of ``names``,
``prefixes`` and ``display``, a restore rule a table of ``close``, ``value`` (left out when the
close is unknown), ``basis`` and ``summary``.

Reading goes through a strict ``cattrs`` converter (exact TOML types, no unknown keys) into the
library's own classes, whose converters and validators decide what is accepted: ``Dated``,
``ServiceList`` and ``RestoreRule`` each value, ``Parameter`` the order of the dates, the fields
of ``Parameters`` each parameter's own range (a rate in [0, 1), a fee in yen, a day of the
month in 1..28, days in descending order).  A refusal is one
:class:`InvalidInput` naming the file and the key of the problem
(``consumption_tax_rate[2].value``, indices from 0), its reason a catalog message.

Internal: the public entry is :meth:`clararules.Parameters.load`.
"""

from __future__ import annotations

import importlib.resources
import os
import re
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Final

import attrs
import cattrs

from clararules.core.dated import Dated, Parameter, ServiceList
from clararules.core.errors import (
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    excerpt,
    type_name,
)
from clararules.core.money import Yen
from clararules.core.parameter_reader import (
    _converter,
    _reason,
    _refusal,
    _wrong,
)
from clararules.core.parameters import (
    PARAMETER_NAMES,
    RESTORE_RULE_NAMES,
    Parameters,
    check_parameter,
)
from clararules.domains.names import DomainKind
from clararules.domains.restore_rules import RestoreRule
from clararules.io.json_read import _key_path, _problems

__all__ = ["HISTORY_TYPES", "MAX_FILE_BYTES", "SHIPPED_FILE", "load", "read_document", "shipped"]

SHIPPED_FILE: Final = "clararules/core/data/parameters.toml"
"""The package's own parameter file, as its refusals would name it."""

MAX_FILE_BYTES: Final = 1_000_000
"""The longest parameter file read, in bytes (the defaults are about 5,000)."""

_FILE_NAME_LIMIT: Final = 200

HISTORY_TYPES: Final[Mapping[str, Any]] = {
    "consumption_tax_rate": tuple[Dated[Fraction], ...],
    "os_support_ended": tuple[Dated[ServiceList], ...],
    "annual_prepaid_services": tuple[Dated[ServiceList], ...],
    "restore_fee": tuple[Dated[Yen], ...],
    "order_window_days": tuple[Dated[tuple[int, ...]], ...],
    "fee_notice_days": tuple[Dated[int], ...],
    "jp_contract_end_days": tuple[Dated[int], ...],
    "debit_day": tuple[Dated[int], ...],
    "debit_notice_delay_days": tuple[Dated[int], ...],
    "reminder_days": tuple[Dated[tuple[int, ...]], ...],
    "restore_downtime_minutes": tuple[Dated[int], ...],
    "contract_year_months": tuple[Dated[int], ...],
    **dict.fromkeys(RESTORE_RULE_NAMES.values(), tuple[Dated[RestoreRule], ...]),
}
"""The type each parameter of a file is read as (in the order of ``PARAMETER_NAMES``)."""

_KIND_OF: Final[Mapping[str, DomainKind]] = {
    name: kind for kind, name in RESTORE_RULE_NAMES.items()
}


_TOML_POSITION: Final = re.compile(r" \(at line (\d+), column (\d+)\)$")

_READ_ERRORS: Final = (
    cattrs.BaseValidationError,
    ClaraRulesError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    RecursionError,
)

# ---------------------------------------------------------------- reading


def _read(path: object) -> tuple[str, str]:
    """The name of the file as refusals show it, and its text."""
    if not isinstance(path, str | os.PathLike):
        raise InvalidInputType(key="G6.error.file_path_type", got=type_name(path))
    file = excerpt(os.fsdecode(path), _FILE_NAME_LIMIT)
    try:
        with open(path, "rb") as fp:
            data = fp.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise InvalidInput(
            key="G6.error.file_unreadable", file=file, reason=type(error).__name__
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(key="G6.error.file_size", file=file, limit=MAX_FILE_BYTES)
    try:
        return file, data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            key="G6.error.file_encoding", file=file, position=error.start + 1
        ) from None


def _document(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise InvalidInput(key="G6.error.file_nested", file=file) from None
    except tomllib.TOMLDecodeError as error:
        why = str(error)
        line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
        matched = _TOML_POSITION.search(why)
        if matched:
            why = why[: matched.start()]
            line, column = int(matched[1]), int(matched[2])
        elif why.endswith(" (at end of document)"):
            why = why.removesuffix(" (at end of document)")
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
        raise InvalidInput(
            key="G6.error.file_toml",
            file=file,
            line=line or 0,
            column=column or 0,
            why=getattr(error, "msg", why),
        ) from None


def _path(name: str) -> str:
    return _key_path("", name).removeprefix(".")


def _entries(document: Mapping[str, Any], file: str) -> dict[str, tuple[Dated[Any], ...]]:
    """Each parameter of the file and its dated values, read into the library's classes."""
    converter = _converter()
    found: dict[str, tuple[Dated[Any], ...]] = {}
    for name, value in document.items():
        if name not in HISTORY_TYPES:
            why = InvalidInput(key="G6.error.file_unknown_parameter", known=PARAMETER_NAMES)
            raise _refusal(file, _path(name), why)
        if not isinstance(value, list):
            raise _refusal(file, name, _wrong("array_of_tables", value))
        try:
            found[name] = converter.structure(value, HISTORY_TYPES[name])
        except _READ_ERRORS as error:
            key_path, problem = (_problems(error, name) or [(name, error)])[0]
            raise _refusal(file, key_path, _reason(problem)) from None
    return found


def _order(name: str, entries: tuple[Dated[Any], ...]) -> str:
    """The key of the first ``since`` that does not ascend (or the parameter, when empty)."""
    for index in range(1, len(entries)):
        if not entries[index - 1].since < entries[index].since:
            return f"{name}[{index}].since"
    return name


def _history(base: Parameters, name: str) -> tuple[Dated[Any], ...]:
    kind = _KIND_OF.get(name)
    parameter = base.restore_rules[kind] if kind else getattr(base, name)
    return tuple(parameter.history)


def _merged(
    defaults: tuple[Dated[Any], ...], entries: tuple[Dated[Any], ...]
) -> tuple[Dated[Any], ...]:
    """``entries`` merged into ``defaults`` by date; an entry replaces a default of its date."""
    by_date = {entry.since: entry for entry in defaults}
    by_date.update((entry.since, entry) for entry in entries)
    return tuple(by_date[since] for since in sorted(by_date))


def _build(
    file: str, entries: Mapping[str, tuple[Dated[Any], ...]], base: Parameters | None
) -> Parameters:
    """The parameters of a file: ``base`` with the file merged in, or (no base) the file's."""
    histories: dict[str, tuple[Dated[Any], ...]] = {}
    for name, values in entries.items():
        try:
            Parameter(name, values)  # its own dates: at least one, strictly ascending
        except InvalidInput as error:
            raise _refusal(file, _order(name, values), error) from None
        for index, entry in enumerate(values):
            try:  # the check of the parameter's field (a rate in [0, 1)...), value by value
                check_parameter(name, Parameter(name, (entry,)))
            except InvalidInput as error:
                raise _refusal(file, f"{name}[{index}].value", error) from None
        histories[name] = values if base is None else _merged(_history(base, name), values)
    if base is None:
        for name in PARAMETER_NAMES:
            if name not in histories:
                raise _refusal(file, name, InvalidInput(key="G6.error.file_missing_key"))
    fields: dict[str, Any] = {}
    rules = {} if base is None else dict(base.restore_rules)
    for name, history in histories.items():
        kind = _KIND_OF.get(name)
        if kind is None:
            fields[name] = Parameter(name, history)
        else:
            rules[kind] = Parameter(name, history)
    fields["restore_rules"] = rules
    try:
        return Parameters(**fields) if base is None else attrs.evolve(base, **fields)
    except InvalidInput as error:  # not expected: each value was checked above
        raise InvalidInput(key="G6.error.file_invalid", file=file, why=error) from None


def load(path: object, base: Parameters) -> Parameters:
    """``base`` with the parameter file ``path`` merged in (see :meth:`Parameters.load`)."""
    file, text = _read(path)
    return _build(file, _entries(_document(text, file), file), base)


def read_document(document: Mapping[str, Any], file: str) -> Parameters:
    """The parameter set of a whole document (every parameter required), e.g. one recorded in
    an audit record; refused as a parameter file named ``file`` would be."""
    return _build(file, _entries(document, file), None)


def shipped() -> Parameters:
    """The package's parameters, from ``core/data/parameters.toml`` (every one is required)."""
    data = importlib.resources.files("clararules.core").joinpath("data", "parameters.toml")
    text = data.read_text(encoding="utf-8")
    return _build(SHIPPED_FILE, _entries(_document(text, SHIPPED_FILE), SHIPPED_FILE), None)
