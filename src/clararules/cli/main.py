"""The ``clararules`` command line, for support staff and scripts (built on ``click``).

Every subcommand prints a readable table and the explanation (``--lang en|ja``), or the result
as JSON (``--json``).  Every option is converted by the input door (``core.door``), under the
option's own name; ``--input FILE`` gives the same inputs as a JSON document.  Bad input exits
with status 2 and one line on stderr, never a traceback, in the language of ``--lang``; a bug
exits 1 with one line (``CLARARULES_DEBUG=1`` shows its traceback).  See ``docs/cli.md``.

The subcommands are in ``cli.contracts``, ``cli.domains``, ``cli.planning`` and
``cli.procedures`` (listed in ``cli.commands``), what they share in ``cli.options``, their
parameter types in ``cli.types``, what they print in ``cli.output``, ``--input`` in
``cli.inputs``, ``schema`` in ``cli.schemas``, ``--audit`` and ``replay`` in ``cli.audit`` and
the error lines in ``cli.errors``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Final

import click

from clararules.cli.audit import replay_command
from clararules.cli.commands import COMMANDS
from clararules.cli.errors import error_text
from clararules.cli.schemas import input_schema, output_schema, schema_command
from clararules.cli.types import ChoiceType, Lang
from clararules.core.errors import ClaraRulesError
from clararules.core.i18n import render

__all__ = ["cli", "input_schema", "main", "output_schema"]


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: clararules cancel --received-at 2026-12-01T00:00+09:00 "
    "--desired-month 2026-12",
    # No subcommand is a usage error on one line ("Missing command."), not the help dumped on
    # stderr (click 8.2+) or on stdout with status 0 (click 8.1).
    no_args_is_help=False,
)
@click.version_option(package_name="clararules", help="Show the version and exit.")
@click.option(
    "--lang",
    type=ChoiceType(Lang),
    default="en",
    show_default=True,
    help="Language of every subcommand's output and error messages (a subcommand's own --lang "
    "wins).",
)
@click.pass_context
def cli(ctx: click.Context, lang: Lang) -> None:
    """Contract, billing and domain rules, computed and explained (rule IDs in brackets)."""
    # `clararules --lang ja cancel ...` is `clararules cancel --lang ja ...`.
    ctx.default_map = {name: {"lang": lang.value} for name in cli.commands}


for _command in COMMANDS:
    cli.add_command(_command)
cli.add_command(replay_command)
cli.add_command(schema_command)

# ---------------------------------------------------------------- groups written elsewhere
#
# Groups of subcommands written in their own module, registered after the computing
# subcommands: `clararules --lang ja batch ...` takes its language from the group above.  Not
# computing subcommands: `schema` does not list them (cli.schemas lists cli.commands.COMMANDS).

from clararules.cli.batch_command import batch  # noqa: E402  # after the subcommands above

cli.add_command(batch)

from clararules.cli.serve import serve_command  # noqa: E402  # the HTTP service (issue 14)

cli.add_command(serve_command)


# ---------------------------------------------------------------- errors and the entry point


DEBUG_ENV: Final = "CLARARULES_DEBUG"
"""Set to 1 to see the traceback of an unexpected error (a bug) instead of one line."""

_MESSAGE_LIMIT: Final = 400


def _one_line(text: str) -> str:
    """``text`` on one printable line of bounded length: what an error line shows."""
    line = " ".join(text.split())
    line = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in line)
    return line if len(line) <= _MESSAGE_LIMIT else line[:_MESSAGE_LIMIT] + "…"


def _say(key: str, lang: str, **figures: object) -> None:
    """Print ``clararules: <message>`` on stderr, on one line."""
    click.echo(f"clararules: {_one_line(render(key, figures, lang))}", err=True)


def argv_lang(argv: Sequence[str]) -> str:
    """The language ``--lang`` asks for in ``argv``, read before click parses it (a bad option
    can fail before ``--lang`` is read), so that every error line is in that language.

    >>> argv_lang(["debit", "x", "--lang", "ja"]), argv_lang(["debit", "--lang=JA"])
    ('ja', 'ja')
    >>> argv_lang(["debit", "--lang", "fr"]), argv_lang(["debit", "--", "--lang", "ja"])
    ('en', 'en')
    """
    lang = "en"
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value: str | None = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg[len("--lang=") :]
        if value is not None:
            lang = "ja" if value.strip().casefold() == "ja" else "en"
    return lang


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush cannot fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no file descriptor to redirect
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Bad input (a usage error, a value the input door refuses, a file that cannot be written)
    exits 2 with one line on stderr and no traceback, in the language of ``--lang``.  An
    unexpected error is a bug: it exits 1 with one line too, unless ``CLARARULES_DEBUG=1`` asks
    for the traceback.
    """
    args = list(argv) if argv is not None else sys.argv[1:]
    lang = argv_lang(args)
    try:
        done = cli.main(args=args, prog_name="clararules", standalone_mode=False)
    except click.exceptions.Exit as exit_:  # pragma: no cover - click returns the code instead
        return int(exit_.exit_code)
    except click.exceptions.Abort:
        _say("cli.aborted", lang)
        return 1
    except (click.ClickException, ClaraRulesError) as error:
        _say("cli.error", lang, message=_one_line(error_text(error, lang)))
        return 2
    except BrokenPipeError:
        _quiet_stdout()  # the reader went away (e.g. `| head`): nothing left to say
        return 1
    except Exception as error:
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        message = _one_line(str(error))
        _say("cli.internal_error", lang, kind=type(error).__name__, message=message, env=DEBUG_ENV)
        return 1
    return done if isinstance(done, int) and not isinstance(done, bool) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
