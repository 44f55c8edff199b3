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

import datetime as _dt
import enum
import functools
import importlib.resources
import itertools
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from clararules.core import door as check
from clararules.core.dated import Dated, Parameter, ServiceList, _url
from clararules.core.errors import (
    EXCERPT_LIMIT,
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    excerpt,
    type_name,
)
from clararules.core.money import Yen
from clararules.core.parameters import (
    PARAMETER_NAMES,
    RESTORE_RULE_NAMES,
    Parameters,
    check_parameter,
)
from clararules.domains.names import DomainKind
from clararules.domains.restore_rules import ClosingBasis, RestoreClose, RestoreRule
from clararules.io.json_read import _FRACTION, _key_path, _problems

__all__ = ["HISTORY_TYPES", "MAX_FILE_BYTES", "SHIPPED_FILE", "load", "shipped"]

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

_ENUM_FIELDS: Final[Mapping[type, str]] = {RestoreClose: "close", ClosingBasis: "basis"}

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
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

# ---------------------------------------------------------------- reasons


def _toml_kind(value: object) -> str:
    """The TOML type of a parsed value (the suffix of its ``toml.*`` label)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, _dt.datetime):
        return "datetime"
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, _dt.time):
        return "time"
    if isinstance(value, list):
        return "array"
    return "table"


def _toml_text(value: object, items: int = 4, depth: int = 3) -> str:
    """A parsed value written back as TOML, roughly, for an excerpt (a few items of each)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, list | dict) and depth == 0:
        return "…"
    if isinstance(value, list):
        shown = [_toml_text(v, 2, depth - 1) for v in value[:items]]
        return "[" + ", ".join(shown + (["…"] if len(value) > items else [])) + "]"
    if isinstance(value, dict):
        pairs = [
            f"{k} = {_toml_text(v, 2, depth - 1)}"
            for k, v in itertools.islice(value.items(), items)
        ]
        return "{ " + ", ".join(pairs + (["…"] if len(value) > items else [])) + " }"
    return excerpt(value)


def _wrong(expected: str, value: object) -> InvalidInputType:
    """A TOML value of the wrong type: ``expected`` is a ``toml.*`` label."""
    shown = _toml_text(value)
    if len(shown) > EXCERPT_LIMIT:
        shown = shown[:EXCERPT_LIMIT] + "…"
    return InvalidInputType(
        key="G6.error.file_type", expected=expected, kind=_toml_kind(value), got=shown
    )


def _reason(error: BaseException) -> ClaraRulesError:
    """A leaf error of the reading as a catalog message."""
    if isinstance(error, ClaraRulesError):
        return error
    if isinstance(error, ForbiddenExtraKeysError):
        cls = get_origin(error.cl) or error.cl
        return InvalidInput(
            key="G6.error.file_unknown_key", known=tuple(a.name for a in attrs.fields(cls))
        )
    if isinstance(error, KeyError):
        return InvalidInput(key="G6.error.file_missing_key")
    # Not expected: every hook raises a catalog message.  Said as it is rather than lost.
    return InvalidInput(f"{type(error).__name__}: {excerpt(str(error))}")


def _refusal(file: str, key_path: str, why: ClaraRulesError) -> InvalidInput:
    """The one refusal of a file: its name, the key of the problem and why (same class)."""
    kind = type(why) if isinstance(why, InvalidInput) else InvalidInput
    return kind(key="G6.error.file_value", file=file, key_path=key_path, why=why)


def _at(cls: type, name: str, error: Exception) -> ClassValidationError:
    """``error`` as cattrs would report it for the attribute ``name`` of ``cls``."""
    error.add_note(AttributeValidationNote(f"Structuring {cls.__name__} @ {name}", name, object))
    return ClassValidationError(f"While structuring {cls.__name__}", [error], cls)


# ---------------------------------------------------------------- the converter


def _string(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise _wrong("string", value)


def _integer(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _wrong("integer", value)


def _fraction(value: object, _: type) -> Fraction:
    if isinstance(value, str) and _FRACTION.fullmatch(value):
        return Fraction(value)
    raise _wrong("fraction", value)


def _yen(value: object, _: type) -> Yen:
    return check.yen(_integer(value, int), "value")


def _date(value: object, _: type) -> pendulum.Date:
    """A TOML date (``2019-10-01``), or the same date quoted; never a date-time."""
    day: _dt.date | None = None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            day = None
    if day is None:
        raise _wrong("date", value)
    return check.date(day, "since")


def _enum(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    name = _ENUM_FIELDS.get(cls, cls.__name__)

    def hook(value: object, _: type) -> enum.Enum:
        return check.member(_string(value, str), cls, name)

    return hook


def _is_enum(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _is_sequence(kind: object) -> bool:
    args = get_args(kind)
    origin = get_origin(kind)
    return origin is frozenset or (origin is tuple and len(args) == 2 and args[1] is Ellipsis)


def _prepare_dated(value: dict[str, Any]) -> dict[str, Any]:
    """A ``url`` is checked by Dated's own converter before the entry is made, so that a
    refusal names its key."""
    if isinstance(value.get("url"), str):
        try:
            _url(value["url"])
        except InvalidInput as error:
            raise _at(Dated, "url", error) from None
    return value


def _check_dated(value: dict[str, Any]) -> None:
    """Every value of a file names its source (G6): ``source`` is required and not blank."""
    if "source" not in value:
        raise _at(Dated, "source", KeyError("source"))
    try:
        check.text(value["source"], "source")
    except InvalidInput as error:
        raise _at(Dated, "source", error) from None


def _prepare_rule(value: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: a rule whose close is unknown leaves its ``value`` out."""
    if "value" in value or not isinstance(value.get("close"), str):
        return value
    try:
        close = check.member(value["close"], RestoreClose, "close")
    except InvalidInput:
        return value  # refused, with its key, when the rule is read
    return {**value, "value": None} if close is RestoreClose.UNKNOWN else value


_PREPARE: Final[Mapping[type, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    Dated: _prepare_dated,
    RestoreRule: _prepare_rule,
}
"""What is done to a table before it is read as the class."""

_CHECK: Final[Mapping[type, Callable[[dict[str, Any]], None]]] = {Dated: _check_dated}
"""What is checked of a table once it was read as the class (its fields in order first)."""


@functools.cache
def _converter() -> cattrs.Converter:
    """The strict reader of parameter files: exact TOML types, no unknown keys."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    def sequence(kind: Any) -> Callable[[object, type], Any]:
        item = get_args(kind)[0]
        make = get_origin(kind)
        handler = converter.get_structure_hook(item)

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, list):
                raise _wrong("array", value)
            items: list[Any] = []
            errors: list[Exception] = []
            for index, element in enumerate(value):
                try:
                    items.append(handler(element, item))
                except Exception as error:  # collected with its index, as cattrs does
                    error.add_note(IterableValidationNote(f"index {index}", index, item))
                    errors.append(error)
            if errors:
                raise IterableValidationError("While structuring an array", errors, kind)
            return make(items)

        return hook

    def table(cls: Any) -> Callable[[object, type], Any]:
        base: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter)
        prepare = _PREPARE.get(get_origin(cls) or cls)
        after = _CHECK.get(get_origin(cls) or cls)

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, dict):
                raise _wrong("table", value)
            result = base(value if prepare is None else prepare(value), cls)
            if after is not None:
                after(value)
            return result

        return hook

    converter.register_structure_hook(str, _string)
    converter.register_structure_hook(int, _integer)
    converter.register_structure_hook(Fraction, _fraction)
    converter.register_structure_hook(Yen, _yen)
    converter.register_structure_hook(pendulum.Date, _date)
    converter.register_structure_hook_factory(_is_enum, _enum)
    converter.register_structure_hook_factory(_is_sequence, sequence)
    converter.register_structure_hook_factory(attrs.has, table)
    return converter


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


def shipped() -> Parameters:
    """The package's parameters, from ``core/data/parameters.toml`` (every one is required)."""
    data = importlib.resources.files("clararules.core").joinpath("data", "parameters.toml")
    text = data.read_text(encoding="utf-8")
    return _build(SHIPPED_FILE, _entries(_document(text, SHIPPED_FILE), SHIPPED_FILE), None)
