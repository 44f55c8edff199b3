"""The page of the dated parameters (G6), written from the data: ``docs/parameters.md``.

    python -m clararules.core.parameters_doc                  # writes docs/parameters.md
    python -m clararules.core.parameters_doc --file provider.toml --output -

Each parameter's history (since, value, source, url) is a table.  The page is written from the
parameters as the library reads them (``core/data/parameters.toml``, or the defaults with a
provider's file merged in), so it says what the computations use; a test regenerates it and
compares it with the committed page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Final

from clararules.core.dated import Dated, Parameter, ServiceList
from clararules.core.errors import ClaraRulesError
from clararules.core.i18n import format_value
from clararules.core.money import Yen
from clararules.core.parameters import Parameters, default_parameters
from clararules.domains.restore_rules import RestoreRule

__all__ = ["main", "page"]

DEFAULT_OUTPUT: Final = "docs/parameters.md"

_DESCRIPTIONS: Final = {
    "consumption_tax_rate": (
        "Consumption tax rate (G3)",
        "The standard rate, national and local consumption tax together, in force on the day "
        "of supply. An exact fraction; the percentage is shown beside it.",
    ),
    "os_support_ended": (
        "Services whose OS support has ended (C10)",
        "Their plans cannot be changed. Names compare after NFKC normalisation, case folding "
        "and collapsing spaces; a series (`VPS*`) is every name that starts with it.",
    ),
    "annual_prepaid_services": (
        "One-year prepaid services (C9)",
        "The services whose plan changes C9 prices (a plan change for another service is "
        "refused).",
    ),
    "restore_fee": (
        "Domain restore fee (D8)",
        "Whole yen, tax included; the tax inside it is computed at the rate in force on the day "
        "the restore window opens.",
    ),
    "order_window_days": (
        "Renewal order window (D1)",
        "The renewal order is created from the first to the second number of days before the "
        "domain's contract end (an array of two integers, the first not smaller). Looked up "
        "on the contract end.",
    ),
    "fee_notice_days": (
        "Fee notice (D2)",
        "The fee notice goes out this many days before the contract end (an integer, 0..400). "
        "Looked up on the contract end.",
    ),
    "jp_contract_end_days": (
        "Contract end of a .jp name (D3)",
        "A .jp contract ends this many days before the registry expiry (an integer, 0..28). "
        "Looked up on the registry expiry.",
    ),
    "debit_day": (
        "Direct-debit day (D5)",
        "The day of the month of a direct debit, moved to the next bank business day (G4) when "
        "it is not one (an integer, 1..28). Looked up on the day the debit notice arrives.",
    ),
    "debit_notice_delay_days": (
        "Estimated arrival of the debit notice (D5)",
        "When the debit notice's arrival is not given, it is estimated at this many days after "
        "the order window closes (an integer, 0..60). Looked up on the contract end.",
    ),
    "reminder_days": (
        "Reminder e-mails (D6)",
        "The reminders go out this many days before the contract end while the renewal is "
        "unpaid; 0 is the contract-end day (an array of integers in 0..400, descending). "
        "Looked up on the contract end.",
    ),
    "restore_downtime_minutes": (
        "Time without service after a restore (D8)",
        "In minutes (an integer, 0..10080); shown in hours when it is whole hours. Looked up on "
        "the day the restore window opens.",
    ),
    "contract_year_months": (
        "Contract year of a one-year prepaid contract (C9, C11)",
        "The months of the contract year whose remaining months a plan change prices (an "
        "integer, 1..120). Looked up on the first day of the contract year.",
    ),
}

_UNITS: Final = {
    "order_window_days": "unit.day",
    "fee_notice_days": "unit.day",
    "jp_contract_end_days": "unit.day",
    "debit_notice_delay_days": "unit.day",
    "reminder_days": "unit.day",
    "restore_downtime_minutes": "unit.minute",
    "contract_year_months": "unit.month",
    "debit_day": "ordinal",
}
"""How the values of a parameter counted in a unit are shown."""

_HEAD: Final = """\
# Parameters (G6)

<!-- Written by `python -m clararules.core.parameters_doc` from
src/clararules/core/data/parameters.toml: edit the data, then run it again
(tests/core/test_parameters_doc.py fails while this page and the data differ). -->

The figures the provider changes over time, each value with the day from which it holds and its
source. A value holds from its `since` day (a JST date) until the next value's; `0001-01-01`
means from the start. A computation uses the values in force on its own date and names each
one, with its date, in its explanation (G5); a day before a parameter's first value is refused
(`ParameterNotInForce`), never guessed.

The values are data shipped with the package, `clararules/core/data/parameters.toml`, read on
first use (`DEFAULT_PARAMETERS`). This page is written from that file.

## The format, and a provider's own file

One array of tables per parameter, named as the parameter; each entry is one value:

| Key | Meaning |
| --- | --- |
| `since` | the first day the value holds, a TOML date (`2019-10-01`) |
| `value` | a rate as an exact fraction in a string (`"10/100"`); a fee as whole yen (`12000`); days, months or minutes as an integer (`45`), a list of days as an array (`[45, 15, 7, 3, 0]`); a service list as a table of `names`, `prefixes` and `display`; a restore rule as a table of `close`, `value` (left out when the close is unknown), `basis` and `summary` |
| `source` | where the value comes from (required) |
| `url` | the source's address, where one is known |

`Parameters.load("provider.toml")` reads a provider's own file in this format, giving any of
the parameters below; everything it does not give keeps its default. A parameter's entries are
merged into its default history by `since`: an entry replaces the default value of the same
day, and any other entry is added. For example, a rate of 12% from 2030-04-01 (an illustration,
not a law):

```toml
[[consumption_tax_rate]]
since = 2030-04-01
value = "12/100"
source = "the provider's notice of the new rate"
```

A file that cannot be read, is not TOML, names an unknown parameter or key, gives a value of
the wrong type or out of its range, or dates out of order, is refused with one `InvalidInput`
naming the file and the key (`consumption_tax_rate[0].value`; entries count from 0).
"""


def _cell(text: str) -> str:
    """Text as one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _value(name: str, value: Any) -> str:
    if name in _UNITS:
        shown = format_value(value, "en", _UNITS[name])
        return f"{shown} (`{list(value) if isinstance(value, tuple) else value}`)"
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        rate = Fraction(value)
        percent = rate * 100
        shown = f"{percent.numerator}%" if percent.denominator == 1 else f"{float(percent):g}%"
        return f"{shown} (`{rate}`)"
    if isinstance(value, Yen):
        return format_value(value, "en")
    if isinstance(value, ServiceList):
        return _cell(value.describe("en"))
    return _cell(str(value))


def _url(entry: Dated[Any]) -> str:
    return f"<{entry.url}>" if entry.url else ""


def _table(name: str, parameter: Parameter[Any]) -> list[str]:
    lines = ["| Since | Value | Source | URL |", "| --- | --- | --- | --- |"]
    for entry in parameter.history:
        lines.append(
            f"| {entry.since.isoformat()} | {_value(name, entry.value)} | {_cell(entry.source)} "
            f"| {_url(entry)} |"
        )
    return lines


def _rule_table(parameter: Parameter[RestoreRule]) -> list[str]:
    lines = [
        "| Since | Close | Value | Basis | Summary | Source | URL |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in parameter.history:
        rule = entry.value
        value = "—" if rule.value is None else str(rule.value)
        lines.append(
            f"| {entry.since.isoformat()} | `{rule.close.value}` | {value} "
            f"| `{rule.basis.value}` | `{rule.summary}` | {_cell(entry.source)} | {_url(entry)} |"
        )
    return lines


def page(parameters: Parameters | None = None) -> str:
    """The Markdown page of ``parameters`` (the defaults unless given)."""
    params = default_parameters() if parameters is None else parameters
    lines = [_HEAD]
    for name, (title, description) in _DESCRIPTIONS.items():
        parameter: Parameter[Any] = getattr(params, name)
        lines += [f"## {title}: `{name}`", "", description, "", *_table(name, parameter), ""]
    lines += [
        "## Restore rules by kind of name (D9)",
        "",
        "The registry rule closing the restore window of each kind of domain name. `close` is "
        "`day_of_month_after_expiry` (`value` is the day of the month after the registry "
        "expiry, 1..28), `days_after_contract_end` (`value` days, 1..400) or `unknown`; `basis` "
        "says whether the close is a registry's rule or an estimate; `summary` is the key of "
        "the D9 sentence that states the rule in an explanation.",
        "",
    ]
    for kind, parameter in params.restore_rules.items():
        label = format_value(kind, "en")
        lines += [f"### `{parameter.name}`: {label}", "", *_rule_table(parameter), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Writes the page (``--output -``: to standard output)."""
    parser = argparse.ArgumentParser(
        prog="python -m clararules.core.parameters_doc",
        description="Write the page of the dated parameters (G6) from the data.",
    )
    parser.add_argument(
        "--file", help="a provider's parameter file, merged into the defaults (Parameters.load)"
    )
    parser.add_argument(
        "--output", default=DEFAULT_OUTPUT, help=f"where to write (default {DEFAULT_OUTPUT})"
    )
    args = parser.parse_args(argv)
    try:
        parameters = Parameters.load(args.file) if args.file else None
    except ClaraRulesError as error:
        sys.stderr.write(f"error: {error}\n")
        return 1
    text = page(parameters)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fp:
            fp.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
