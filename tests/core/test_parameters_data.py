"""G6: the shipped parameters on both sides of every date in the data file.

The data file is read here with ``tomllib`` directly, a reading independent of the library's
loader (``cattrs`` into ``Dated``...): each value is compared in its raw TOML form.
"""

import datetime as dt
import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

import clararules
from clararules import (
    DEFAULT_PARAMETERS,
    ParameterNotInForce,
    consumption_tax_rate,
)
from clararules.core.parameters import PARAMETER_NAMES, RESTORE_RULE_NAMES

DATA = Path(clararules.__file__).parent / "core" / "data" / "parameters.toml"
RAW = tomllib.loads(DATA.read_text(encoding="utf-8"))
START = dt.date(1, 1, 1)

CHANGES = [
    (name, index)
    for name, entries in RAW.items()
    for index, entry in enumerate(entries)
    if entry["since"] > START
]
ENTRIES = [(name, index) for name, entries in RAW.items() for index in range(len(entries))]


def parameter(name):
    """The parameter ``name`` of the defaults, as the library read it."""
    kinds = {rule: kind for kind, rule in RESTORE_RULE_NAMES.items()}
    if name in kinds:
        return DEFAULT_PARAMETERS.restore_rules[kinds[name]]
    return getattr(DEFAULT_PARAMETERS, name)


def same_value(name, raw, value):
    """Whether ``value`` (the library's) is the raw TOML value ``raw`` of ``name``."""
    if name == "consumption_tax_rate":
        numerator, _, denominator = raw.partition("/")
        return value == Fraction(int(numerator), int(denominator or 1))
    if name == "restore_fee":
        return value.amount == raw
    if isinstance(raw, int):  # days, months or minutes
        return type(value) is int and value == raw
    if isinstance(raw, list) and all(isinstance(day, int) for day in raw):  # lists of days
        return isinstance(value, tuple) and list(value) == raw
    if name in ("os_support_ended", "annual_prepaid_services"):
        names = {n.casefold() for n in raw["names"]}
        prefixes = sorted(p.casefold() for p in raw.get("prefixes", []))
        return (
            set(value.names) == names
            and list(value.prefixes) == prefixes
            and list(value.display) == raw.get("display", [])
        )
    return (
        value.close.value == raw["close"]
        and value.value == raw.get("value")
        and value.basis.value == raw["basis"]
        and value.summary == raw["summary"]
    )


def test_data_has_changes_to_test():
    """The data file holds dated changes (the tax rate's four among them)."""
    assert [RAW["consumption_tax_rate"][i]["since"] for n, i in CHANGES if "tax" in n] == [
        dt.date(1989, 4, 1),
        dt.date(1997, 4, 1),
        dt.date(2014, 4, 1),
        dt.date(2019, 10, 1),
    ]
    assert ("restore_attribute_jp", 1) in CHANGES


def test_every_parameter_is_in_the_data_file():
    """G6: every parameter of ``Parameters`` has its entries in the data file, so that the
    tests below read each of them (the figures of D1-D3, D5, D6, D8 and C11 among them)."""
    assert set(RAW) == set(PARAMETER_NAMES)
    for name in ("order_window_days", "reminder_days", "restore_downtime_minutes"):
        assert (name, 0) in ENTRIES


@pytest.mark.parametrize(
    ("name", "index"), CHANGES, ids=[f"{n}@{RAW[n][i]['since']}" for n, i in CHANGES]
)
def test_g6_value_changes_on_its_date(name, index):
    """G6: the day before a ``since`` has the previous value (or none); the day itself the new."""
    entry = RAW[name][index]
    since = entry["since"]
    before = since - dt.timedelta(days=1)
    param = parameter(name)
    on = param.at(since)
    assert on.since == since
    assert same_value(name, entry["value"], on.value)
    assert on.source == entry["source"]
    if index == 0:
        with pytest.raises(ParameterNotInForce, match=since.isoformat()):
            param.at(before)
    else:
        previous = RAW[name][index - 1]
        assert same_value(name, previous["value"], param.at(before).value)
        assert param.at(before).since == previous["since"]
        assert not same_value(name, entry["value"], param.at(before).value)
    if name == "consumption_tax_rate":
        assert consumption_tax_rate(since) == on.value
        assert consumption_tax_rate(before) == param.at(before).value
        assert consumption_tax_rate(before) != consumption_tax_rate(since)


@pytest.mark.parametrize(("name", "index"), ENTRIES, ids=[f"{n}[{i}]" for n, i in ENTRIES])
def test_g6_every_entry_is_read_as_written(name, index):
    """G6: each entry of the file is the entry of the same index of the defaults."""
    entry = RAW[name][index]
    read = parameter(name).history[index]
    assert read.since == entry["since"]
    assert same_value(name, entry["value"], read.value)
    assert (read.source, read.url) == (entry["source"], entry.get("url"))
    assert parameter(name).at(entry["since"]) == read
    assert len(parameter(name).history) == len(RAW[name])
