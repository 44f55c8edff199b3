"""The subcommands of ``clararules`` that compute a result, one per rule (see ``docs/cli.md``).

Internal.  They are written by rule family: the contract rules in ``cli.contracts``, the domain
rules in ``cli.domains``, the planning answers (``deadline``, ``options``, ``plan``) in
``cli.planning``, the procedures in ``cli.procedures``; what they share (``--input``,
``--audit``, ``--parameters``, ``--lang``, ``--json`` and the old option names) is in
``cli.options``.  ``--help`` texts are English; the tables, explanations and error lines
follow ``--lang``.
"""

from __future__ import annotations

import click

from clararules.cli import contracts, domains, planning, procedures

__all__ = ["COMMANDS"]

COMMANDS: tuple[click.Command, ...] = (
    *contracts.COMMANDS,
    *domains.COMMANDS,
    *planning.COMMANDS,
    *procedures.COMMANDS,
)
"""The subcommands that compute a result, in the order of ``--help``."""
