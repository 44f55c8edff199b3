"""The command line's parameter types: every option converts through the input door.

Internal.  Every option goes through the input door (``core.door``) and nothing else: the
command line only turns the text of a number into an ``int`` first (ASCII digits, at most
``NUMBER_TEXT_LIMIT`` characters, so a 5000-digit argument never reaches ``int()``).  A
refusal from the door becomes a usage error (exit 2) whose one line names the option, in the
language of ``--lang`` (:class:`~clararules.cli.errors.Refused` keeps the library's error).
"""

from __future__ import annotations

import enum
import re
from pathlib import PurePath
from typing import Any, Final

import click
import pendulum

from clararules.cli.errors import Refused, option_name
from clararules.core import door as check
from clararules.core.errors import ClaraRulesError, InvalidInput, excerpt
from clararules.core.money import MAX_INPUT_YEN, Yen
from clararules.core.months import Month
from clararules.core.parameters import Parameters

__all__ = [
    "DATE",
    "FROM_INPUT",
    "MONTH",
    "NUMBER_TEXT_LIMIT",
    "TRI",
    "WHEN",
    "YEN",
    "YES_NO",
    "ChoiceType",
    "DateType",
    "FileType",
    "Lang",
    "MonthType",
    "OutputType",
    "ParamType",
    "ParametersType",
    "Tristate",
    "WhenType",
    "WholeType",
    "YenType",
    "YesNo",
    "YesNoType",
]

NUMBER_TEXT_LIMIT: Final = 20
"""The longest text of a number (yen or a count) that is parsed at all, in characters."""

_WHOLE_TEXT: Final = re.compile(r"-?[0-9]+")
_YEN_TEXT: Final = re.compile(r"(-?)[¥￥]?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_NUMBER_LIKE: Final = re.compile(r"-?[¥￥]?[0-9,]+")


def _number_text(value: str, pattern: re.Pattern[str]) -> re.Match[str] | bool:
    """The match of ``pattern`` on ``value``, else whether the text is a number too long to
    parse (``True``) or no number at all (``False``); a long text is never parsed."""
    text = value.strip()
    if len(text) > NUMBER_TEXT_LIMIT:
        return _NUMBER_LIKE.fullmatch(text) is not None
    return pattern.fullmatch(text) or False


class ParamType(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A parameter type that converts through one function of the door."""

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of the values this type accepts on the command line."""
        return {"type": "string"}

    def door(self, value: object, name: str) -> Any:
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return self.door(value, _name(param, ctx))
        except ClaraRulesError as error:
            raise Refused(error, ctx, param) from None


FROM_INPUT: Final = "clararules.input"
"""The key of ``ctx.meta`` that holds the names of the inputs an ``--input`` document gave."""


def _name(param: click.Parameter | None, ctx: click.Context | None) -> str:
    """The name a refusal gives a value: the option as typed, or the JSON path of the value in
    the ``--input`` document (``--input $.received_at``) when it came from there."""
    if param is not None and param.name is not None and ctx is not None:
        given = ctx.meta.get(FROM_INPUT, ())
        source = ctx.get_parameter_source(param.name)
        if param.name in given and source is click.core.ParameterSource.DEFAULT_MAP:
            return f"--input $.{param.name}"
    return option_name(param)


_ISO_PATTERN: Final = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?))?$"
)


class WhenType(ParamType):
    """An instant: ISO 8601 with an offset (2026-12-01T00:00+09:00), or a date (00:00 JST)."""

    name = "WHEN"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "ISO 8601 date-time with an offset, or a date (00:00 JST)",
            "pattern": _ISO_PATTERN,
        }

    def door(self, value: object, name: str) -> pendulum.DateTime:
        return check.instant(value, name)


class DateType(ParamType):
    """A JST day: YYYY-MM-DD, or an ISO 8601 date-time with an offset (its day in JST)."""

    name = "DATE"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "a date YYYY-MM-DD (JST), or an ISO 8601 date-time with an offset",
            "pattern": _ISO_PATTERN,
        }

    def door(self, value: object, name: str) -> pendulum.Date:
        return check.date(value, name)


class MonthType(ParamType):
    """A month, YYYY-MM."""

    name = "YYYY-MM"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}$"}

    def door(self, value: object, name: str) -> Month:
        return check.month(value, name)


class YenType(ParamType):
    """Whole yen: 5000, 5,000 or ¥5,000 (ASCII digits, no decimals)."""

    name = "YEN"

    def __init__(self, *, allow_negative: bool = False) -> None:
        self.allow_negative = allow_negative

    def json_schema(self) -> dict[str, Any]:
        sign = "-?" if self.allow_negative else ""
        number: dict[str, Any] = {"type": "integer", "maximum": MAX_INPUT_YEN}
        number["minimum"] = -MAX_INPUT_YEN if self.allow_negative else 0
        return {
            "anyOf": [
                number,
                {
                    "type": "string",
                    "pattern": rf"^{sign}[¥￥]?([0-9]{{1,3}}(,[0-9]{{3}})+|[0-9]+)$",
                },
            ]
        }

    def door(self, value: object, name: str) -> Yen:
        if isinstance(value, str):
            match = _number_text(value, _YEN_TEXT)
            if match is True:
                length = len(value.strip())
                limit = MAX_INPUT_YEN
                raise InvalidInput(
                    key="cli.error.yen_too_long", name=name, limit=limit, length=length
                )
            if match is False:
                raise InvalidInput(key="cli.error.yen_text", name=name, got=excerpt(value))
            value = int(match[1] + match[2].replace(",", ""))
        return check.yen(value, name, allow_negative=self.allow_negative)


class WholeType(ParamType):
    """A whole number in a rule's range (ASCII digits)."""

    name = "INTEGER"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}

    def door(self, value: object, name: str) -> int:
        if isinstance(value, str):
            bounds = {"name": name, "low": self.low, "high": self.high}
            match = _number_text(value, _WHOLE_TEXT)
            if match is True:
                length = len(value.strip())
                raise InvalidInput(key="cli.error.whole_too_long", length=length, **bounds)
            if match is False:
                raise InvalidInput(key="cli.error.whole_text", got=excerpt(value), **bounds)
            value = int(match[0])
        return check.whole(value, name, low=self.low, high=self.high)


class ChoiceType(ParamType):
    """One member of an enum, by its value (or name), in any case."""

    def __init__(self, kind: type[enum.Enum]) -> None:
        self.kind = kind
        self.name = kind.__name__

    def values(self) -> list[str]:
        return [str(member.value) for member in self.kind]

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        # ``ctx`` is passed from click 8.2 on; click 8.1 calls get_metavar(param).
        return f"[{'|'.join(self.values())}]"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": self.values()}

    def door(self, value: object, name: str) -> enum.Enum:
        return check.member(value, self.kind, name)


class YesNoType(ChoiceType):
    """A yes/no answer (``yes``, ``no``, or with ``Tristate`` also ``unknown``), in any case;
    from an ``--input`` document also JSON ``true`` or ``false``."""

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "boolean"}, super().json_schema()]}

    def door(self, value: object, name: str) -> enum.Enum:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        return super().door(value, name)


class OutputType(ParamType):
    """A file to write, or ``-`` for standard output."""

    name = "PATH|-"

    def door(self, value: object, name: str) -> str:
        if isinstance(value, PurePath):
            value = str(value)
        return check.text(value, name)


class FileType(OutputType):
    """A file to write or read, named as it is (``--audit FILE``, ``replay FILE``)."""

    name = "FILE"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "path of a file"}


class ParametersType(ParamType):
    """A provider's parameter file (TOML, G6), read with ``Parameters.load``."""

    name = "FILE"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "path of a provider's parameter file (TOML)"}

    def door(self, value: object, name: str) -> Parameters:
        if isinstance(value, PurePath):
            value = str(value)
        return Parameters.load(check.text(value, name))


class Lang(enum.Enum):
    """The language of the table, the explanation and the error lines."""

    EN = "en"
    JA = "ja"


class Tristate(enum.Enum):
    """A yes/no answer that may not be known."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def known(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.value)


class YesNo(enum.Enum):
    """A yes/no answer a rule needs (it cannot be unknown)."""

    YES = "yes"
    NO = "no"

    @property
    def known(self) -> bool:
        return self is YesNo.YES


WHEN, DATE, MONTH, YEN = WhenType(), DateType(), MonthType(), YenType()
TRI = YesNoType(Tristate)
YES_NO = YesNoType(YesNo)
