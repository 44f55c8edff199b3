"""G6: a provider's own parameter file, ``Parameters.load``: merged into the defaults by date,
and every bad file refused with one ``InvalidInput`` naming the file and the key."""

import datetime as dt
import tempfile
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clararules import (
    DEFAULT_PARAMETERS,
    ClosingBasis,
    Dated,
    DomainKind,
    InvalidInput,
    InvalidInputType,
    Parameter,
    Parameters,
    RestoreClose,
    RestoreRule,
    ServiceList,
    Yen,
    add_consumption_tax,
    consumption_tax_rate,
    tax_parts,
)
from clararules.core.parameter_file import HISTORY_TYPES, MAX_FILE_BYTES
from clararules.core.parameters import PARAMETER_NAMES, RESTORE_RULE_NAMES

D = dt.date
KINDS = {name: kind for kind, name in RESTORE_RULE_NAMES.items()}

# ---------------------------------------------------------------- a small TOML writer


def toml_string(text):
    """A TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def toml_value(value):
    """Plain data (str, int, date, list, dict) as a TOML value."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


def plain(value):
    """A parameter's value as the plain data a file writes."""
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Yen):
        return value.amount
    if isinstance(value, int):
        return value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, ServiceList):
        return {
            "names": sorted(value.names),
            "prefixes": list(value.prefixes),
            "display": list(value.display),
        }
    rule = {"close": value.close.value, "value": value.value, "basis": value.basis.value}
    rule["summary"] = value.summary
    return {k: v for k, v in rule.items() if v is not None}


def parameter_of(parameters, name):
    kind = KINDS.get(name)
    return parameters.restore_rules[kind] if kind else getattr(parameters, name)


def with_parameter(parameters, name, parameter):
    kind = KINDS.get(name)
    if kind:
        return attrs.evolve(
            parameters, restore_rules={**parameters.restore_rules, kind: parameter}
        )
    return attrs.evolve(parameters, **{name: parameter})


def write_toml(parameters, names):
    """The parameters ``names`` of ``parameters`` as a parameter file."""
    lines = []
    for name in names:
        for entry in parameter_of(parameters, name).history:
            lines += [
                f"[[{name}]]",
                f"since = {toml_value(entry.since)}",
                f"value = {toml_value(plain(entry.value))}",
                f"source = {toml_string(entry.source)}",
            ]
            if entry.url is not None:
                lines.append(f"url = {toml_string(entry.url)}")
            lines.append("")
    return "\n".join(lines)


@pytest.fixture
def provider(tmp_path):
    """Writes a provider file and returns its path."""

    def write(text, name="provider.toml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# ---------------------------------------------------------------- loading


def test_g6_file_rate_changes_tax_from_its_date(provider):
    """G6/G3: a file's 12% from 2030-04-01 applies from that day, and G3 names it and its date."""
    params = Parameters.load(
        provider(
            '[[consumption_tax_rate]]\nsince = 2030-04-01\nvalue = "12/100"\n'
            'source = "provider notice"\n'
        )
    )
    assert add_consumption_tax(Yen(1000), D(2030, 3, 31), parameters=params) == Yen(1100)
    assert add_consumption_tax(Yen(1000), D(2030, 4, 1), parameters=params) == Yen(1120)
    assert consumption_tax_rate(D(2030, 4, 1), params) == Fraction(12, 100)
    step = tax_parts([(D(2030, 4, 1), Yen(1000))], parameters=params).steps()[0]
    assert step.rule == "G3"
    assert "12%" in step.en and "2030-04-01" in step.en
    assert "12%" in step.ja and "2030-04-01" in step.ja
    history = params.consumption_tax_rate.history
    assert history[:-1] == DEFAULT_PARAMETERS.consumption_tax_rate.history
    assert history[-1] == Dated(D(2030, 4, 1), Fraction(3, 25), "provider notice")
    assert add_consumption_tax(Yen(1000), D(2030, 4, 1)) == Yen(1100)  # defaults untouched


def test_g6_file_with_only_the_fee_keeps_the_rest(provider):
    """G6: a file giving only the restore fee changes that fee from its date, nothing else."""
    path = provider(
        "[[restore_fee]]\nsince = 2030-04-01\nvalue = 15000\n"
        'source = "price list of 2030"\nurl = "https://example.com/prices"\n'
    )
    params = Parameters.load(str(path))
    assert params.restore_fee.at(D(2030, 3, 31)).value == Yen(12000)
    assert params.restore_fee.at(D(2030, 4, 1)) == Dated(
        D(2030, 4, 1), Yen(15000), "price list of 2030", url="https://example.com/prices"
    )
    assert attrs.evolve(params, restore_fee=DEFAULT_PARAMETERS.restore_fee) == DEFAULT_PARAMETERS
    assert params != DEFAULT_PARAMETERS


def test_g6_file_entry_of_a_default_date_replaces_it(provider):
    """G6: an entry dated like a default one replaces it (here "from the start")."""
    params = Parameters.load(
        provider('[[restore_fee]]\nsince = 0001-01-01\nvalue = 9800\nsource = "our fee"\n')
    )
    assert params.restore_fee == Parameter(
        "restore_fee", (Dated(D(1, 1, 1), Yen(9800), "our fee"),)
    )


def test_g6_file_restore_rule_and_service_list(provider):
    """G6: a restore rule (D9) and a service list (C10) from a file, as tables."""
    params = Parameters.load(
        provider(
            "[[restore_gtld]]\nsince = 2030-01-01\nsource = 'registrar notice'\n"
            "value = { close = 'days_after_contract_end', value = 40, basis = 'registry_rule',"
            " summary = 'D9.rule.gtld' }\n\n"
            "[[restore_other]]\nsince = 2030-01-01\nsource = 'still unknown'\n"
            "value = { close = 'unknown', basis = 'unknown', summary = 'D9.rule.unknown' }\n\n"
            "[[os_support_ended]]\nsince = '2030-01-01'\nsource = 'FAQ of 2030'\n"
            "value = { names = ['Flex Web'], prefixes = ['VPS'] }\n"
        )
    )
    gtld = params.restore_rules[DomainKind.GTLD]
    assert gtld.at(D(2030, 1, 1)).value == RestoreRule(
        RestoreClose.DAYS_AFTER_CONTRACT_END, 40, ClosingBasis.REGISTRY_RULE, "D9.rule.gtld"
    )
    assert gtld.at(D(2029, 12, 31)).value.value == 30
    assert params.restore_rules[DomainKind.OTHER].at(D(2030, 1, 1)).value.value is None
    ended = params.os_support_ended.at(D(2030, 1, 1)).value
    assert ended.matches("flex web") and ended.matches("VPS X") and not ended.matches("FPS")
    assert params.os_support_ended.at(D(2029, 1, 1)).value.matches("FPS")


def test_g6_empty_file_is_the_defaults(provider):
    """G6: a file that gives no parameter leaves the defaults (a UTF-8 BOM is allowed)."""
    assert Parameters.load(provider("# nothing to change\n")) == DEFAULT_PARAMETERS
    path = provider("")
    path.write_bytes(b"\xef\xbb\xbf# with a BOM\n")
    assert Parameters.load(path) == DEFAULT_PARAMETERS


def test_g6_defaults_written_out_load_as_the_defaults(provider):
    """G6: the whole defaults, written as a file, load as the defaults (urls included)."""
    text = write_toml(DEFAULT_PARAMETERS, PARAMETER_NAMES)
    assert Parameters.load(provider(text)) == DEFAULT_PARAMETERS


def test_g6_file_reader_knows_every_parameter():
    """G6: the file reader reads every parameter of ``Parameters``, in the same order."""
    assert tuple(HISTORY_TYPES) == PARAMETER_NAMES
    fields = [f.name for f in attrs.fields(Parameters) if f.name != "restore_rules"]
    assert list(PARAMETER_NAMES[: len(fields)]) == fields
    assert set(PARAMETER_NAMES[len(fields) :]) == set(RESTORE_RULE_NAMES.values())


# ---------------------------------------------------------------- refusals

TAX = '[[consumption_tax_rate]]\nsince = 2030-04-01\nsource = "x"\n'
FEE = '[[restore_fee]]\nsince = 2030-04-01\nsource = "x"\n'
GTLD = '[[restore_gtld]]\nsince = 2030-04-01\nsource = "x"\n'

BAD_FILES = {
    "toml syntax": (TAX + "value = \n", "", "line 4, column 9"),
    "toml unclosed": ("[[consumption_tax_rate]]\nsince = [2030-04-01\n", "", "line 3"),
    "toml duplicate key": (TAX + 'value = "1/10"\nvalue = "1/10"\n', "", "line 5"),
    "unknown parameter": (
        TAX.replace("consumption_tax_rate", "consumption_tax") + 'value = "1/10"\n',
        "consumption_tax",
        "unknown parameter; the parameters are consumption_tax_rate,",
    ),
    "odd parameter name": ('"tax rate" = 1\n', "['tax rate']", "unknown parameter"),
    "not an array of tables": (
        '[consumption_tax_rate]\nsince = 2030-04-01\nvalue = "1/10"\nsource = "x"\n',
        "consumption_tax_rate",
        "expected an array of tables",
    ),
    "empty history": ("consumption_tax_rate = []\n", "consumption_tax_rate", "at least one"),
    "float rate": (TAX + "value = 0.12\n", "consumption_tax_rate[0].value", "got a float 0.12"),
    "rate of 100%": (
        TAX + 'value = "1/10"\n' + TAX.replace("2030", "2031") + 'value = "100/100"\n',
        "consumption_tax_rate[1].value",
        "[0, 1)",
    ),
    "negative rate": (TAX + 'value = "-1/10"\n', "consumption_tax_rate[0].value", "[0, 1)"),
    "dates not ascending": (
        TAX.replace("2030", "2031") + 'value = "1/10"\n' + TAX + 'value = "1/10"\n',
        "consumption_tax_rate[1].since",
        "strictly ascending",
    ),
    "same date twice": (
        TAX + 'value = "1/10"\n' + TAX + 'value = "1/10"\n',
        "consumption_tax_rate[1].since",
        "strictly ascending",
    ),
    "date as text": (
        TAX.replace("2030-04-01", '"2030/04/01"') + 'value = "1/10"\n',
        "consumption_tax_rate[0].since",
        "expected a date, got a string '2030/04/01'",
    ),
    "date-time": (
        TAX.replace("2030-04-01", "2030-04-01T00:00:00+09:00") + 'value = "1/10"\n',
        "consumption_tax_rate[0].since",
        "expected a date, got a date-time",
    ),
    "missing since": (
        '[[restore_fee]]\nvalue = 1\nsource = "x"\n',
        "restore_fee[0].since",
        "this key is required",
    ),
    "missing source": (
        "[[restore_fee]]\nsince = 2030-04-01\nvalue = 1\n",
        "restore_fee[0].source",
        "this key is required",
    ),
    "blank source": (
        '[[restore_fee]]\nsince = 2030-04-01\nvalue = 1\nsource = " "\n',
        "restore_fee[0].source",
        "blank",
    ),
    "bad url": (FEE + 'value = 1\nurl = "www.example.com"\n', "restore_fee[0].url", "https://"),
    "unknown entry key": (
        FEE + 'value = 1\nnote = "x"\n',
        "restore_fee[0].note",
        "unknown key; the keys here are since, value, source, url",
    ),
    "fee as text": (FEE + 'value = "15000"\n', "restore_fee[0].value", "expected an integer"),
    "negative fee": (FEE + "value = -1\n", "restore_fee[0].value", "negative"),
    "fee as bool": (FEE + "value = true\n", "restore_fee[0].value", "got a boolean true"),
    "unknown restore-rule field": (
        GTLD + "value = { close = 'days_after_contract_end', value = 40, basis = 'estimate',"
        " summary = 'D9.rule.gtld', days = 3 }\n",
        "restore_gtld[0].value.days",
        "unknown key; the keys here are close, value, basis, summary",
    ),
    "unknown close": (
        GTLD + "value = { close = 'soon', value = 40, basis = 'estimate',"
        " summary = 'D9.rule.gtld' }\n",
        "restore_gtld[0].value.close",
        "close must be one of",
    ),
    "missing rule value": (
        GTLD + "value = { close = 'days_after_contract_end', basis = 'estimate',"
        " summary = 'D9.rule.gtld' }\n",
        "restore_gtld[0].value.value",
        "this key is required",
    ),
    "rule value out of range": (
        GTLD + "value = { close = 'days_after_contract_end', value = 500, basis = 'estimate',"
        " summary = 'D9.rule.gtld' }\n",
        "restore_gtld[0].value",
        "1..400",
    ),
    "rule summary not a D9 key": (
        GTLD + "value = { close = 'days_after_contract_end', value = 40, basis = 'estimate',"
        " summary = 'gtld' }\n",
        "restore_gtld[0].value",
        "D9 sentence",
    ),
    "service names as text": (
        '[[os_support_ended]]\nsince = 2030-04-01\nsource = "x"\nvalue = { names = "FPS" }\n',
        "os_support_ended[0].value.names",
        "expected an array, got a string 'FPS'",
    ),
    "service name not text": (
        '[[os_support_ended]]\nsince = 2030-04-01\nsource = "x"\nvalue = { names = ["FPS", 3] }\n',
        "os_support_ended[0].value.names[1]",
        "expected a string, got an integer 3",
    ),
    "reminder days not descending": (
        '[[reminder_days]]\nsince = 2030-01-01\nsource = "x"\nvalue = [3, 7]\n',
        "reminder_days[0].value",
        "descending order",
    ),
    "reminder day as text": (
        '[[reminder_days]]\nsince = 2030-01-01\nsource = "x"\nvalue = [45, "15"]\n',
        "reminder_days[0].value[1]",
        "expected an integer, got a string '15'",
    ),
    "order window of one number": (
        '[[order_window_days]]\nsince = 2030-01-01\nsource = "x"\nvalue = [50]\n',
        "order_window_days[0].value",
        "two numbers of days",
    ),
    "debit day past the 28th": (
        '[[debit_day]]\nsince = 2030-01-01\nsource = "x"\nvalue = 31\n',
        "debit_day[0].value",
        "1..28",
    ),
    "contract year as a float": (
        '[[contract_year_months]]\nsince = 2030-01-01\nsource = "x"\nvalue = 12.0\n',
        "contract_year_months[0].value",
        "expected an integer, got a float 12.0",
    ),
    "entry not a table": (
        "consumption_tax_rate = [1]\n",
        "consumption_tax_rate[0]",
        "expected a table, got an integer 1",
    ),
}


@pytest.mark.parametrize(("text", "key_path", "fragment"), BAD_FILES.values(), ids=BAD_FILES)
def test_g6_bad_file_is_refused_naming_file_and_key(provider, text, key_path, fragment):
    """G6: one InvalidInput, in English and Japanese, naming the file, the key and the fault."""
    path = provider(text, "our-figures.toml")
    with pytest.raises(InvalidInput) as caught:
        Parameters.load(path)
    error = caught.value
    assert error.key.startswith("G6.error.file_")
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    message = str(error)
    assert "our-figures.toml" in message and fragment in message, message
    if key_path:
        assert error.figures["key_path"] == key_path
        assert f"{key_path}: " in message
    japanese = error.text("ja")
    assert "設定値ファイル" in japanese and "our-figures.toml" in japanese
    assert key_path in japanese


def test_g6_unreadable_files_are_refused(tmp_path):
    """G6: a missing file, a folder, bytes that are not UTF-8, a file too long, or a path that
    is not a path: one InvalidInput each, naming the file."""
    cases = {
        tmp_path / "missing.toml": "FileNotFoundError",
        tmp_path: "IsADirectoryError",
    }
    latin = tmp_path / "latin.toml"
    latin.write_bytes('source = "消費税"'.encode("shift_jis"))
    cases[latin] = "not UTF-8 text (byte 11)"
    long = tmp_path / "long.toml"
    long.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    cases[long] = f"longer than {MAX_FILE_BYTES} bytes"
    for path, fragment in cases.items():
        with pytest.raises(InvalidInput) as caught:
            Parameters.load(path)
        assert path.name in str(caught.value) and fragment in str(caught.value)
        assert path.name in caught.value.text("ja")
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"deep\.toml' nests arrays or tables too deeply"):
        Parameters.load(deep)
    with pytest.raises(InvalidInputType, match=r"path must be a str or os\.PathLike"):
        Parameters.load(5)  # type: ignore[arg-type]


def test_g6_refusal_reads_in_the_pseudo_locale(provider):
    """G5: a file refusal and its reason both come from the catalogs (no plain English word
    outside the file name, the key and the value echoed)."""
    path = provider(FEE + 'value = "15000"\n', "x.toml")
    with pytest.raises(InvalidInput) as caught:
        Parameters.load(path)
    text = caught.value.text("en-XA")
    for echoed in (caught.value.figures["file"], "restore_fee[0].value", "'15000'"):
        text = text.replace(echoed, "")
    assert not any(c.isascii() and c.isalpha() for c in text), text


# ---------------------------------------------------------------- round trip

_sources = st.text(min_size=1, max_size=40).filter(str.strip)
_urls = st.none() | st.from_regex(
    r"https://[a-z0-9-]{1,12}\.example/[A-Za-z0-9/_.~%-]{0,20}", fullmatch=True
)
_names = st.text(min_size=1, max_size=16)
_rules = st.one_of(
    st.builds(
        RestoreRule,
        st.just(RestoreClose.DAY_OF_MONTH_AFTER_EXPIRY),
        st.integers(1, 28),
        st.sampled_from(ClosingBasis),
        st.sampled_from(["D9.rule.jprs", "D9.rule.attribute_jp"]),
    ),
    st.builds(
        RestoreRule,
        st.just(RestoreClose.DAYS_AFTER_CONTRACT_END),
        st.integers(1, 400),
        st.sampled_from(ClosingBasis),
        st.just("D9.rule.gtld"),
    ),
    st.builds(
        RestoreRule,
        st.just(RestoreClose.UNKNOWN),
        st.none(),
        st.sampled_from(ClosingBasis),
        st.sampled_from(["D9.rule.unknown", "D9.rule.attribute_jp_unpublished"]),
    ),
)
_service_lists = st.builds(
    ServiceList,
    names=st.lists(_names, max_size=4),
    prefixes=st.lists(_names, max_size=2),
    display=st.lists(_names, max_size=4),
)
_VALUES = {
    "consumption_tax_rate": st.fractions(0, Fraction(999, 1000), max_denominator=1000),
    "os_support_ended": _service_lists,
    "annual_prepaid_services": _service_lists,
    "restore_fee": st.integers(0, 10**12).map(Yen),
    "order_window_days": st.lists(st.integers(0, 400), min_size=2, max_size=2).map(
        lambda days: tuple(sorted(days, reverse=True))
    ),
    "fee_notice_days": st.integers(0, 400),
    "jp_contract_end_days": st.integers(0, 28),
    "debit_day": st.integers(1, 28),
    "debit_notice_delay_days": st.integers(0, 60),
    "reminder_days": st.sets(st.integers(0, 400), min_size=1, max_size=6).map(
        lambda days: tuple(sorted(days, reverse=True))
    ),
    "restore_downtime_minutes": st.integers(0, 10080),
    "contract_year_months": st.integers(1, 120),
    **dict.fromkeys(RESTORE_RULE_NAMES.values(), _rules),
}


@st.composite
def provider_figures(draw):
    """Parameters that differ from the defaults by a few dated values, and the names of the
    parameters a file gives (every changed one, and maybe others, in any order)."""
    params = DEFAULT_PARAMETERS
    changed = set()
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(PARAMETER_NAMES))
        entry = Dated(draw(st.dates()), draw(_VALUES[name]), draw(_sources), url=draw(_urls))
        history = [e for e in parameter_of(params, name).history if e.since != entry.since]
        history = sorted([*history, entry], key=lambda e: e.since)
        params = with_parameter(params, name, Parameter(name, tuple(history)))
        changed.add(name)
    extra = draw(st.sets(st.sampled_from(PARAMETER_NAMES)))
    return params, draw(st.permutations(sorted(changed | extra)))


@given(provider_figures())
def test_g6_a_file_written_from_parameters_loads_as_them(figures):
    """G6: parameters written as a file (the defaults with dated changes, any subset of the
    parameters in any order) load as the same parameters: nothing is lost or altered."""
    params, names = figures
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.toml"
        path.write_text(write_toml(params, names), encoding="utf-8")
        assert Parameters.load(path) == params


# ---------------------------------------------------------------- any file


def _load_or_refuse(text):
    """Loads ``text`` as a file: Parameters, or one refusal of the file (nothing else)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.toml"
        path.write_text(text, encoding="utf-8")
        try:
            return Parameters.load(path)
        except InvalidInput as error:
            assert error.key.startswith("G6.error.file_"), error.key
            assert "any.toml" in str(error) and "any.toml" in error.text("ja")
            return error


@given(st.text(max_size=200))
def test_g6_any_text_loads_or_is_refused(text):
    """G6: any text as a parameter file gives Parameters or one InvalidInput."""
    _load_or_refuse(text)


_keys = st.sampled_from(
    ["since", "value", "source", "url", "names", "prefixes", "display", "close", "basis"]
) | st.text(max_size=8)
_plain = st.recursive(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(["1/10", "2030-04-01", "unknown", "D9.rule.gtld", "https://x.example"]),
        st.integers(-(10**6), 10**6),
        st.booleans(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.dates(),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)
_documents = st.dictionaries(
    st.sampled_from(PARAMETER_NAMES) | st.text(min_size=1, max_size=8),
    st.lists(st.dictionaries(_keys, _plain, max_size=5), max_size=3) | _plain,
    max_size=3,
)


@given(_documents)
def test_g6_any_toml_document_loads_or_is_refused(document):
    """G6: any TOML document (any keys, types and nesting) gives Parameters or one
    InvalidInput naming the file."""
    text = "\n".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in document.items())
    _load_or_refuse(text)
