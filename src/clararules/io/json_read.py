"""Strict reading of JSON values (issue 9): exact JSON types for each field, every refusal an
``InvalidInput`` naming its JSON path.  The structure hooks of the scalar types and the walk
over cattrs' validation errors; ``io.json`` registers them on its converter.

Internal: import the public names from ``clararules``.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Final, NoReturn

import attrs
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from clararules.core import door as check
from clararules.core.errors import (
    ClaraRulesError,
    InvalidInput,
    InvalidInputType,
    InvalidMoney,
    excerpt,
)
from clararules.core.money import Yen
from clararules.core.months import Month
from clararules.domains.names import DomainName

MAX_JSON_TEXT: Final = 10_000_000
"""The longest JSON text :func:`from_json` reads: 10 million characters (or bytes)."""

_MAX_INT_DIGITS: Final = 100
"""The longest integer literal read; every figure of a result has at most 19 digits."""

_MAX_DOMAIN_TEXT: Final = 1000
_MAX_PROBLEMS_SHOWN: Final = 3
_MAX_PROBLEMS_PER_CONTAINER: Final = 10
"""An array or object of figures stops being read after this many bad items (bounded work)."""
_MAX_FOREIGN_MESSAGE: Final = 200

# ---------------------------------------------------------------- reading: scalars


def _json_kind(value: object) -> str:
    """What a JSON value is, with a short excerpt, for messages ("string 'x'", "null"...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"integer {excerpt(value)}"
    if isinstance(value, float):
        return f"number {excerpt(value)}"
    if isinstance(value, str):
        return f"string {excerpt(value)}"
    if isinstance(value, list):
        return f"array of {len(value)} items"
    if isinstance(value, dict):
        return f"object of {len(value)} keys"
    return f"{type(value).__name__} (not JSON data)"


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidInputType(f"expected true or false, got {_json_kind(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise InvalidInputType(f"expected an integer, got {_json_kind(value)}")


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return str(value)
    raise InvalidInputType(f"expected a string, got {_json_kind(value)}")


_FRACTION: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?:/[1-9][0-9]{0,17})?")


def _structure_fraction(value: object, _: type) -> Fraction:
    if isinstance(value, str) and _FRACTION.fullmatch(value):
        return Fraction(value)
    raise InvalidInputType(
        f"expected an exact fraction as a string such as '1/10', got {_json_kind(value)}"
    )


def _structure_yen(value: object, _: type) -> Yen:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidMoney(f"expected whole yen as an integer, got {_json_kind(value)}")
    # Yen caps at 10**18 (every figure a result can hold); check.yen's input cap of 10**12
    # would refuse results derived from the largest inputs (12 months of a ¥10**12 fee).
    return Yen(int(value))


def _structure_date(value: object, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        raise InvalidInputType(
            f"expected a date as an ISO 8601 string such as '2026-12-01', got {_json_kind(value)}"
        )
    return check.date(value, "the date")


def _structure_instant(value: object, _: type) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise InvalidInputType(
            f"expected an instant as an ISO 8601 string with an offset such as "
            f"'2026-12-01T09:00:00+09:00', got {_json_kind(value)}"
        )
    return check.instant(value, "the instant")


def _structure_month(value: object, _: type) -> Month:
    if not isinstance(value, str):
        raise InvalidInputType(f"expected a month as a 'YYYY-MM' string, got {_json_kind(value)}")
    return check.month(value, "the month")


_DURATION: Final = re.compile(r"PT(0|[1-9][0-9]{0,11})S")


def _structure_duration(value: object, _: type) -> pendulum.Duration:
    if isinstance(value, str):
        matched = _DURATION.fullmatch(value)
        if matched:
            return pendulum.duration(seconds=int(matched.group(1)))
    raise InvalidInput(
        f"expected a duration as an ISO 8601 string of whole seconds such as 'PT3600S', got "
        f"{_json_kind(value)}"
    )


def _structure_domain(value: object, _: type) -> DomainName:
    if not isinstance(value, str):
        raise InvalidInputType(f"expected a domain name as a string, got {_json_kind(value)}")
    if len(value) > _MAX_DOMAIN_TEXT:
        raise InvalidInput(f"expected a domain name, got {_json_kind(value)}")
    return DomainName.parse(value)


def _structure_enum(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    def hook(value: object, _: type) -> enum.Enum:
        if not isinstance(value, str):
            accepted = ", ".join(repr(member.value) for member in cls)
            raise InvalidInputType(f"expected one of {accepted}, got {_json_kind(value)}")
        return check.member(value, cls, "the value")

    return hook


def _is_enum(cls: object) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


_FIGURE_TYPES: Final = (str, int, bool, type(None))


def _not_checked(what: str) -> InvalidInput:
    return InvalidInput(
        f"{_MAX_PROBLEMS_PER_CONTAINER} {what} are wrong here; the rest were not checked"
    )


def _structure_figures(value: object, _: type) -> dict[str, Any]:
    """Explanation figures: an object of JSON scalars (no floats, arrays or objects)."""
    if not isinstance(value, dict):
        raise InvalidInputType(f"expected an object of figures, got {_json_kind(value)}")
    errors: list[Exception] = []
    for name, figure in value.items():
        if len(errors) == _MAX_PROBLEMS_PER_CONTAINER:
            errors.append(_not_checked("figures"))
            break
        if not isinstance(name, str):  # only from Python data: JSON keys are strings
            errors.append(InvalidInputType(f"a figure's name must be a string, got {name!r}"))
        elif isinstance(figure, list) and all(isinstance(item, str) for item in figure):
            continue  # a list of values (e.g. the names of missing fields), read as a tuple
        elif not isinstance(figure, _FIGURE_TYPES):
            error = InvalidInputType(
                f"a figure is an integer, a string, true, false or null, got {_json_kind(figure)}"
            )
            error.add_note(IterableValidationNote(f"figure {name!r}", name, object))
            errors.append(error)
    if errors:
        raise IterableValidationError("While structuring figures", errors, dict)
    return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}


# ---------------------------------------------------------------- reading: errors


def _key_path(path: str, key: object) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{excerpt(key)}]"


def _json_key(attribute: str) -> str:
    """The JSON key of an attribute: a result's steps, held as ``_explanation``, are written
    ``explanation`` (core/explain.py)."""
    return "explanation" if attribute == "_explanation" else attribute


def _problems(error: BaseException, path: str) -> list[tuple[str, BaseException]]:
    """The leaf errors inside a cattrs validation error, each with its JSON path."""
    if isinstance(error, ClassValidationError):
        with_notes, others = error.group_exceptions()
        found: list[tuple[str, BaseException]] = []
        for inner, attribute in with_notes:
            found += _problems(inner, _key_path(path, _json_key(attribute.name)))
        for inner in others:
            found += _problems(inner, path)
        return found
    if isinstance(error, IterableValidationError):
        items, others_ = error.group_exceptions()
        found = []
        for inner, index in items:
            found += _problems(inner, _key_path(path, index.index))
        for inner in others_:
            found += _problems(inner, path)
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        names = sorted(error.extra_fields, key=repr)
        return [(_key_path(path, name), error) for name in names]
    return [(path, error)]


def _describe(error: BaseException) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(sorted(_json_key(a.name) for a in attrs.fields(error.cl) if a.init))
        return f"unknown key; a {error.cl.__name__} has {known}"
    if isinstance(error, KeyError):
        return "a required key is missing"
    if isinstance(error, ClaraRulesError):
        return str(error)
    text = str(error)
    if len(text) > _MAX_FOREIGN_MESSAGE:
        text = text[:_MAX_FOREIGN_MESSAGE] + "…"
    return f"not a valid value ({type(error).__name__}: {text})"


def _refusal(cls: type, error: BaseException) -> InvalidInput:
    """One InvalidInput (of the first problem's own class) naming the path of each problem."""
    problems = _problems(error, "$") or [("$", error)]
    shown = "; ".join(
        f"{path}: {_describe(inner)}" for path, inner in problems[:_MAX_PROBLEMS_SHOWN]
    )
    more = len(problems) - _MAX_PROBLEMS_SHOWN
    message = f"cannot read a {cls.__name__}: {shown}"
    if more > 0:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    first = problems[0][1]
    kind = type(first) if isinstance(first, InvalidInput) else InvalidInput
    try:
        return kind(message)
    except Exception:  # an error class with its own constructor: the base class says it too
        return InvalidInput(message)


# ---------------------------------------------------------------- JSON text


def _parse_int(literal: str) -> int:
    digits = len(literal.lstrip("-"))
    if digits > _MAX_INT_DIGITS:
        raise InvalidInput(
            f"not valid JSON here: an integer of {digits} digits (at most {_MAX_INT_DIGITS})"
        )
    return int(literal)


def _parse_constant(literal: str) -> NoReturn:
    raise InvalidInput(f"not valid JSON: {literal} is not a JSON number")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InvalidInput(f"not valid JSON here: the key {excerpt(key)} appears twice")
            seen.add(key)
    return data


def parse_json(text: str | bytes) -> Any:
    """JSON text as plain data, strictly: text longer than ``MAX_JSON_TEXT``, nesting too deep
    for the parser, integers of more than 100 digits, ``NaN``/``Infinity`` and duplicate keys
    are refused with ``InvalidInput``."""
    if not isinstance(text, str | bytes):
        raise InvalidInputType(f"expected JSON text (str or bytes), got {type(text).__name__}")
    if len(text) > MAX_JSON_TEXT:
        unit = "characters" if isinstance(text, str) else "bytes"
        raise InvalidInput(
            f"the JSON text is {len(text):,} {unit} long; at most {MAX_JSON_TEXT:,} are read"
        )
    try:
        return json.loads(
            text,
            parse_int=_parse_int,
            parse_constant=_parse_constant,
            object_pairs_hook=_object,
        )
    except InvalidInput:
        raise
    except RecursionError:
        raise InvalidInput("not valid JSON here: it is nested too deeply") from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except (UnicodeDecodeError, ValueError) as error:
        message = str(error)
        if len(message) > _MAX_FOREIGN_MESSAGE:
            message = message[:_MAX_FOREIGN_MESSAGE] + "…"
        raise InvalidInput(f"not valid JSON: {message}") from None
