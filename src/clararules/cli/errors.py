"""The command line's error lines, in the language of ``--lang`` (G5).

Internal.  Every line the command line prints about a refusal comes from the catalogs: a
library refusal (:class:`~clararules.ClaraRulesError`) by its own message, the command line's
own refusals by the ``cli.*`` messages, and click's usage errors (a missing option, an unknown
option or command, an extra argument...) mapped to ``cli.click.*`` messages with the option's
name as a figure.  A click message that cannot be mapped is shown as click wrote it (English)
inside the translated frame ``cli.click.other``.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from typing import Any, Final

import attrs
import click

from clararules.core.errors import ClaraRulesError
from clararules.core.i18n import render

__all__ = [
    "CannotRead",
    "CannotWrite",
    "FileError",
    "Message",
    "Refused",
    "Usage",
    "click_text",
    "error_text",
    "option_name",
    "os_reason",
]


@attrs.frozen
class Message:
    """A ``cli`` catalog message and its figures, rendered when the language is known.

    A figure may itself be a :class:`Message` or a library refusal (rendered in the same
    language) or a tuple of values or messages (joined by the language's list separator).
    """

    key: str
    figures: Mapping[str, object] = attrs.field(factory=dict)

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        figures: dict[str, Any] = {}
        for name, value in self.figures.items():
            if isinstance(value, Message | ClaraRulesError):
                value = value.text(lang)
            elif isinstance(value, tuple):
                value = render("list.separator", {}, lang).join(
                    item.text(lang) if isinstance(item, Message) else str(item) for item in value
                )
            figures[name] = value
        return render(self.key, figures, lang)


class Usage(click.UsageError):
    """A usage error of the command line itself (exit 2), with its catalog message."""

    def __init__(self, message: Message, ctx: click.Context | None = None) -> None:
        super().__init__(message.text("en"), ctx)
        self.said = message


class FileError(click.ClickException):
    """A file the command line could not write or read, or refuses (exit 2), with its catalog
    message; no help hint, since no option was wrong."""

    exit_code = 2

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.said = message


class CannotWrite(FileError):
    """An output file could not be written (a missing folder, no permission, a directory...)."""


class CannotRead(FileError):
    """An input file (an audit record, an ``--input`` document) could not be read, or is not
    one the command line reads (too long, not UTF-8, not JSON, not valid against its schema,
    refused by the library)."""


class Refused(click.BadParameter):
    """The door's refusal of an option's value; its message already names the option.

    Keeps the library's :class:`ClaraRulesError`, so that it reads in either language.
    """

    def __init__(
        self, error: ClaraRulesError, ctx: click.Context | None, param: click.Parameter | None
    ) -> None:
        super().__init__(" ".join(str(error).split()), ctx, param)
        self.error = error

    def format_message(self) -> str:
        return self.message


_OS_ERRORS: Final = frozenset(
    {"ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENAMETOOLONG", "EROFS", "ENOSPC", "ELOOP"}
)


def os_reason(error: OSError | ValueError) -> Message | str:
    """Why a file could not be written: a catalog message for the usual causes, else the
    operating system's own words."""
    if isinstance(error, ValueError):  # a NUL character in the path
        return Message("cli.oserror.nul")
    name = errno.errorcode.get(error.errno or 0, "")
    if name in _OS_ERRORS:
        return Message(f"cli.oserror.{name}")
    return error.strerror or str(error)


def option_name(param: click.Parameter | None) -> str:
    """The name a user types: ``--received-at`` for an option (its first long name, never an
    old one), ``NOTICE_ARRIVED`` for an argument."""
    if param is None:
        return "value"
    if isinstance(param, click.Option):
        long_names = [opt for opt in param.opts if opt.startswith("--")]
        return (long_names or param.opts)[0]
    return param.human_readable_name


_NO_SUCH_COMMAND: Final = re.compile(r"No such command '(.*)'\.", re.DOTALL)
_EXTRA_ARGUMENTS: Final = re.compile(r"Got unexpected extra arguments? \((.*)\)", re.DOTALL)
_MISSING_COMMAND: Final = "Missing command."


def _suggested(message: Message, possibilities: list[str] | None) -> Message:
    if not possibilities:
        return message
    choices = tuple(repr(p) for p in sorted(possibilities))
    hint = Message("cli.click.did_you_mean", {"choices": choices, "n": len(choices)})
    return Message("cli.said_with", {"message": message, "hint": hint})


def _mapped(error: click.ClickException) -> Message | None:
    """The catalog message of one of click's usage errors, or ``None``."""
    if isinstance(error, click.MissingParameter):
        kind = "argument" if isinstance(error.param, click.Argument) else "option"
        return Message(f"cli.click.missing_{kind}", {"name": option_name(error.param)})
    if isinstance(error, click.NoSuchOption):
        message = Message("cli.click.no_such_option", {"name": error.option_name})
        return _suggested(message, error.possibilities)
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)  # click 8.4+
    if no_such_command is not None and isinstance(error, no_such_command):
        message = Message("cli.click.no_such_command", {"name": error.command_name})
        return _suggested(message, error.possibilities)
    if isinstance(error, click.BadOptionUsage):
        for key, english in (
            ("cli.click.requires_argument", "Option {name!r} requires an argument."),
            ("cli.click.takes_no_value", "Option {name!r} does not take a value."),
        ):
            if error.message == english.format(name=error.option_name):
                return Message(key, {"name": error.option_name})
        return None
    if type(error) is click.UsageError:
        if error.message == _MISSING_COMMAND:
            return Message("cli.click.missing_command")
        if match := _NO_SUCH_COMMAND.fullmatch(error.message):  # click before 8.4
            return Message("cli.click.no_such_command", {"name": match[1]})
        if match := _EXTRA_ARGUMENTS.fullmatch(error.message):
            extra = match[1]
            return Message("cli.click.extra_arguments", {"args": extra, "n": len(extra.split())})
    return None


def click_text(error: click.ClickException, lang: str) -> str:
    """The one-line message of a click exception in ``lang``, with the help hint of a usage
    error (``(see 'clararules cancel --help')``)."""
    if isinstance(error, Refused):
        text = error.error.text(lang)
    elif isinstance(error, Usage | FileError):
        text = error.said.text(lang)
    else:
        message = _mapped(error)
        if message is None:
            message = Message("cli.click.other", {"message": error.format_message()})
        text = message.text(lang)
    if isinstance(error, click.UsageError) and error.ctx is not None:
        text = render("cli.see_help", {"message": text, "command": error.ctx.command_path}, lang)
    return text


def error_text(error: ClaraRulesError | click.ClickException, lang: str) -> str:
    """The message of a refusal in ``lang`` (before ``clararules: error:``)."""
    if isinstance(error, ClaraRulesError):
        return error.text(lang)
    return click_text(error, lang)
