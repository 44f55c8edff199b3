"""Audit records on the command line (G5, G6): ``--audit FILE`` and ``clararules replay``.

Internal.  ``--audit FILE`` (every subcommand that computes a result, but ``deadline``, whose
answer is an instant) writes the audit record of the result the subcommand prints
(:func:`clararules.to_audit`) to FILE, as UTF-8 JSON.  The record is written before anything is
printed, so a file that cannot be written is one line and exit 2, as a refusal.  ``replay FILE`` reads a record (``-``: standard input), computes it
again from its inputs and its own parameter set (:func:`clararules.replay`) and says what it
found: exit 0 when it is identical, 1 when a field differs, 2 when the record is refused.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, Final

import click

from clararules.cli.errors import CannotRead, Message, os_reason
from clararules.cli.output import write, wrote
from clararules.cli.types import ChoiceType, FileType, Lang
from clararules.core.errors import ClaraRulesError, InvalidInput, excerpt

# clararules.io.audit and clararules.io.json (cattrs) are imported when a record is first
# written or read (in the functions below), not when the command line starts.
if TYPE_CHECKING:
    from clararules.io.replay import Difference, Replay

__all__ = ["AUDIT", "audited", "read_json", "read_record", "replay_command", "replay_data"]

AUDIT: Final = click.option(
    "--audit",
    "audit",
    type=FileType(),
    help="Also write the audit record of the result to this file (JSON; check it later with "
    "'clararules replay FILE').",
)
"""The ``--audit FILE`` option of every subcommand that prints a recorded result."""

_PATH_LIMIT: Final = 200


def audited(result: object, target: str | None, lang: Lang) -> None:
    """Write the audit record of ``result`` to the file ``target`` and say so on stderr
    (nothing for ``None``).

    ``-`` is a file name here like any other; a file that cannot be written is refused with
    :class:`~clararules.cli.errors.CannotWrite` (exit 2) before anything is said.
    """
    if target is None:
        return
    from clararules.io.audit import to_audit

    text = json.dumps(to_audit(result), ensure_ascii=False, indent=2) + "\n"
    write(target, text.encode("utf-8"), "--audit", dash_is_stdout=False)
    wrote(target, lang)


# ---------------------------------------------------------------- replay


def _name(source: str, kind: str = "record") -> Message | str:
    if source == "-":
        return Message("cli.stdin" if kind == "record" else "cli.stdin_name")
    return excerpt(source, _PATH_LIMIT)


def _refused(message: str, source: str, **figures: object) -> CannotRead:
    kind = message.split("_")[0]
    return CannotRead(Message(f"cli.error.{message}", {"path": _name(source, kind), **figures}))


def read_json(source: str, kind: str) -> Any:
    """The JSON data in the file ``source`` (``-``: standard input); ``kind`` (``"record"``, an
    audit record, or ``"input"``, an ``--input`` document) chooses the messages of a refusal.

    A file that cannot be read, is longer than ``MAX_JSON_TEXT`` bytes, is not UTF-8 or not
    JSON is refused with :class:`~clararules.cli.errors.CannotRead`, naming the file.
    """
    from clararules.io.json import MAX_JSON_TEXT, parse_json

    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_JSON_TEXT + 1)
        else:
            with open(source, "rb") as fp:
                data = fp.read(MAX_JSON_TEXT + 1)
    except (OSError, ValueError) as error:  # ValueError: a NUL character in the path
        raise _refused(f"{kind}_unreadable", source, reason=os_reason(error)) from None
    if len(data) > MAX_JSON_TEXT:
        raise _refused(f"{kind}_size", source, limit=MAX_JSON_TEXT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refused(f"{kind}_encoding", source, position=error.start + 1) from None
    try:
        return parse_json(text)
    except InvalidInput as error:
        # The strict reader's refusals (a duplicate key, NaN, a 101-digit integer) are its own;
        # a syntax error or a nesting too deep reads here in the language asked for.
        try:
            json.loads(text)
        except json.JSONDecodeError as syntax:
            raise _refused(
                f"{kind}_json", source, line=syntax.lineno, column=syntax.colno
            ) from None
        except RecursionError:
            raise _refused(f"{kind}_nested", source) from None
        except ValueError:
            pass
        twice = _key_twice(text)
        if twice is not None:
            raise _refused(f"{kind}_key_twice", source, name=excerpt(twice)) from None
        raise _refused(kind, source, why=error) from None


class _KeyTwice(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _key_twice(text: str) -> str | None:
    """A key that an object of the JSON ``text`` gives twice, if any."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                raise _KeyTwice(key)
            seen.add(key)
        return dict(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except _KeyTwice as twice:
        return twice.key
    except ValueError:  # pragma: no cover - the text was read as JSON already
        pass
    return None


def read_record(source: str) -> Any:
    """The JSON data of the audit record in the file ``source`` (``-``: standard input); see
    :func:`read_json`."""
    return read_json(source, "record")


def replay_data(found: Replay) -> dict[str, Any]:
    """What a replay found, as JSON-ready data (``null`` for a field one side lacks)."""
    from clararules.io.audit import ABSENT

    def side(value: object) -> object:
        return None if value is ABSENT else value

    def rows(differences: tuple[Difference, ...]) -> list[dict[str, object]]:
        return [
            {"path": d.path, "recorded": side(d.recorded), "recomputed": side(d.recomputed)}
            for d in differences
        ]

    return {
        "identical": found.identical,
        "computation": found.computation,
        "recorded_version": found.recorded_version,
        "version": found.version,
        "differences": rows(found.differences),
        "wording": rows(found.wording),
    }


@click.command(
    "replay",
    epilog="\b\nExamples:\n  clararules debit 2026-06-03 --audit debit.json\n"
    "  clararules replay debit.json --lang ja\n"
    "  clararules replay - --json < debit.json",
)
@click.argument("file", type=FileType())
@click.option(
    "--lang",
    type=ChoiceType(Lang),
    default="en",
    show_default=True,
    help="Language of what the replay found and of the error messages.",
)
@click.option("--json", "as_json", is_flag=True, help="Print what the replay found as JSON.")
@click.pass_context
def replay_command(ctx: click.Context, file: str, lang: Lang, as_json: bool) -> None:
    """Compute an audit record (written by --audit) again and compare: exit 0 when identical,
    1 when a field differs, 2 when the record is refused. FILE '-' reads standard input."""
    from clararules.io.replay import replay

    record = read_record(file)
    try:
        found = replay(record)
    except ClaraRulesError as error:
        raise _refused("record", file, why=error) from None
    if as_json:
        click.echo(json.dumps(replay_data(found), ensure_ascii=False, indent=2))
    else:
        click.echo(found.explain(lang.value))
    if not found.identical:
        ctx.exit(1)
