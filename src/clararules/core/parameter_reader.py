"""The strict reader behind parameter files (G6): the cattrs converter and its refusals.

Exact TOML types, no unknown keys; every refusal a catalog message (``G6.error.file_*``),
placed by the caller at the key of the problem.  Internal: see ``core/parameter_file.py``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import itertools
import re
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
from clararules.core.dated import Dated, _url
from clararules.core.errors import (
    EXCERPT_LIMIT,
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    excerpt,
)
from clararules.core.money import Yen
from clararules.domains.restore_rules import ClosingBasis, RestoreClose, RestoreRule
from clararules.io.json_read import _FRACTION

_ENUM_FIELDS: Final[Mapping[type, str]] = {RestoreClose: "close", ClosingBasis: "basis"}
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


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
