"""What every computing subcommand shares: its command class, the options at the end of every
``--help`` (``--parameters``, ``--input``, ``--audit``, ``--lang``, ``--json``), and options
with old names.

Internal.  The option names follow one convention (``docs/cli.md``, "Option names"): a day is
``--<thing>-on``, an instant ``--<thing>-at``, a month ``--<thing>-month``, a count
``--<thing>-<unit>`` and an amount of yen ``--<thing>`` whose help says "in yen".  An option
renamed to the convention keeps its old spelling as a hidden alias (:class:`Opt`): it still
works, is not shown by ``--help`` nor suggested for a typo, and a run that used it ends with
one warning line on stderr, after the answer (a refusal stays one line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

import click

from clararules.cli.audit import AUDIT
from clararules.cli.errors import Message, Usage, option_name
from clararules.cli.output import output_options
from clararules.cli.types import FROM_INPUT, ChoiceType, FileType, Lang, ParametersType
from clararules.core.money import Rounding

__all__ = [
    "INPUT",
    "PARAMETERS",
    "ROUNDING",
    "Computing",
    "Opt",
    "computing",
    "option",
    "shared_options",
]

F = TypeVar("F", bound=Callable[..., Any])

_OLD_USED: Final = "clararules.old_names"
"""The key of ``ctx.meta`` that lists the old option names a run used, with the new ones."""


class Opt(click.Option):
    """An option that also answers to old names (``old``), hidden from ``--help``."""

    def __init__(
        self, param_decls: Sequence[str], *, old: Sequence[str] = (), **attrs: Any
    ) -> None:
        super().__init__([*param_decls, *old], **attrs)
        self.old = tuple(old)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = self.opts
        self.opts = [name for name in shown if name not in self.old]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def option(*param_decls: str, old: Sequence[str] = (), **attrs: Any) -> Callable[[F], F]:
    """``click.option`` for an :class:`Opt`: ``old`` lists the option's old spellings."""
    return click.option(*param_decls, cls=Opt, old=old, **attrs)


def _old_names(command: click.Command) -> dict[str, str]:
    """Each old spelling of an option of ``command``, with its name today."""
    return {
        old: option_name(param)
        for param in command.params
        if isinstance(param, Opt)
        for old in param.old
    }


class Computing(click.Command):
    """A subcommand that computes a result: ``--input`` may give its inputs, an old option name
    still works, and ``clararules schema NAME --output`` describes its ``--json`` output (the
    JSON of one of ``outputs``, the library's result classes)."""

    def __init__(self, *args: Any, outputs: Sequence[type] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outputs = tuple(outputs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        old = _old_names(self)
        used: list[tuple[str, str]] = []
        for arg in args:
            if arg == "--":
                break
            name = arg.split("=", 1)[0]
            if name in old and (name, old[name]) not in used:
                used.append((name, old[name]))
        try:
            rest = super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            # A typo close to an old name is answered with its name today, never the old one.
            found = error.possibilities or ()
            # (click declares the attribute final; the close matches are made by then.)
            vars(error)["possibilities"] = list(dict.fromkeys(old.get(n, n) for n in found))
            raise
        except click.MissingParameter as error:
            param = error.param
            if FROM_INPUT in ctx.meta and param is not None and param.name is not None:
                figures = {"name": option_name(param), "path": f"$.{param.name}"}
                raise Usage(Message("cli.error.input_missing", figures), ctx) from None
            raise
        ctx.meta[_OLD_USED] = tuple(used)
        return rest

    def invoke(self, ctx: click.Context) -> Any:
        done = super().invoke(ctx)
        lang = ctx.params.get("lang")
        code = lang.value if isinstance(lang, Lang) else "en"
        used = ctx.meta.get(_OLD_USED, ())
        if used:
            pairs = tuple(Message("cli.old_name", {"old": old, "new": new}) for old, new in used)
            text = Message("cli.old_names", {"pairs": pairs}).text(code)
            click.echo(f"clararules: {text}", err=True)
        return done


def computing(
    name: str | None = None, *, outputs: Sequence[type], epilog: str
) -> Callable[[Callable[..., Any]], Computing]:
    """``click.command`` for a :class:`Computing` subcommand."""
    return click.command(name, cls=Computing, outputs=outputs, epilog=epilog)


PARAMETERS: Final = click.option(
    "--parameters",
    "parameters",
    type=ParametersType(),
    help="A provider's own parameter file (TOML, G6; see docs/parameters.md) over the defaults.",
)
"""The ``--parameters FILE`` option of every subcommand whose rule reads dated parameters."""


def _read_input(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Read the ``--input`` document and make its values the defaults of the options: an
    option given on the command line wins (click reads the command line first)."""
    if value is None:
        return
    from clararules.cli.inputs import load_input

    document = load_input(value, ctx.command, ctx.command_path)
    ctx.default_map = {**(ctx.default_map or {}), **document}
    ctx.meta[FROM_INPUT] = frozenset(document)


INPUT: Final = click.option(
    "--input",
    type=FileType(),
    is_eager=True,
    expose_value=False,
    callback=_read_input,
    help="Read the inputs from this JSON document ('-': standard input), an object valid "
    "against 'clararules schema NAME'; an option given on the command line too wins.",
)
"""The ``--input FILE|-`` option of every computing subcommand."""


ROUNDING: Final = option(
    "--rounding",
    type=ChoiceType(Rounding),
    default="down",
    show_default=True,
    help="How consumption tax is rounded to whole yen (G3).",
)
"""The ``--rounding`` option of every subcommand that taxes a charge (G3)."""


def shared_options(*, parameters: bool, audit: bool = True) -> Callable[[F], F]:
    """The options every computing subcommand ends with, in this order in ``--help``:
    ``--parameters`` (when its rule reads dated parameters), ``--input``, ``--audit`` (when
    it prints a recorded result: one :func:`clararules.to_audit` can write), ``--lang`` and
    ``--json``."""

    def decorate(command: F) -> F:
        command = output_options(command)
        if audit:
            command = AUDIT(command)
        command = INPUT(command)
        return PARAMETERS(command) if parameters else command

    return decorate
