"""Audit records on the command line (G5, G6): ``--audit FILE`` on every subcommand that
computes a result writes a record that replays identical; ``clararules replay FILE`` says so
(exit 0), names each field that differs (exit 1), and refuses what is not a record with one
line (exit 2), in English and Japanese."""

import json
import subprocess
import sys

import pytest

import clararules
from clararules.cli.audit import replay_data

from .helpers import (
    COMMANDS,
    JAPANESE,
    assert_one_line_refusal,
    invoke,
    stray_words,
)

RATE_2030 = """\
[[consumption_tax_rate]]
since = 2030-04-01
value = "12/100"
source = "the provider's notice of the new rate"
"""

COMPUTATIONS = {
    "cancel": "quote_cancellation",
    "plan-change": "plan_change",
    "domain": "renewal_timeline",
    "restore": "restore_window",
    "status": "domain_status",
    "debit": "direct_debit",
    "ip-plan": "additional_ip_cancellation_plan",
    "seal": "check_seal",
    "cancel-change": "review_cancellation_change",
    "channel": "check_cancellation_channel",
    "suspend": "request_suspension",
    "delegation-release": "check_delegation_release",
    "contact-change": "check_contact_change",
    "dealer-certificate": "check_dealer_certificate_request",
    "resale": "resale_policy",
    "options": "cancellation_options",
    "plan": "renewal_plan",
}
"""The computation each subcommand with --audit records."""
NO_AUDIT = {"deadline"}
"""The subcommands that print no recorded result (``deadline``: an instant): no --audit."""
AUDITED = sorted(set(COMMANDS) - NO_AUDIT)
NO_PARAMETERS = {
    "ip-plan",
    "seal",
    "channel",
    "suspend",
    "delegation-release",
    "contact-change",
    "dealer-certificate",
    "resale",
    "deadline",
}
"""The subcommands whose rule reads no dated parameter: no --parameters, none recorded."""

# A field of each result, as its JSON path in the record, and a value it does not have: a yen
# amount where the result has one, else a date or a yes/no.
TAMPERED = {
    "cancel": ("$.result.charge.tax.base", ["charge", "tax", "base"], 15000),
    "plan-change": ("$.result.tax.base", ["tax", "base"], 30000),
    "restore": ("$.result.fee", ["fee"], 12000),
    "status": ("$.result.restore.fee", ["restore", "fee"], 12000),
    "domain": ("$.result.debit_on", ["debit_on"], "2027-03-01"),
    "debit": ("$.result.debit_on", ["debit_on"], "2026-06-29"),
    "seal": ("$.result.accepted", ["accepted"], True),
    "cancel-change": ("$.result.tax.base", ["tax", "base"], 15000),
    "channel": ("$.result.accepted", ["accepted"], False),
    "delegation-release": ("$.result.accepted", ["accepted"], True),
    "options": ("$.result.options[0].tax.base", ["options", 0, "tax", "base"], 15000),
    "plan": ("$.result.pay_by", ["pay_by"], "2027-03-24"),
}
IDENTICAL = {
    "en": "): identical.",
    "ja": "記録と一致します。",
}


def _audit(tmp_path, name, *extra):
    """Run a subcommand with --audit; (status, stdout, stderr, record file)."""
    path = tmp_path / f"{name}.json"
    code, stdout, stderr = invoke(*COMMANDS[name], *extra, "--audit", str(path))
    return code, stdout, stderr, path


def _set(record, keys, value):
    data = record["result"]
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


def _japanese_words(text, *typed):
    """Stray English in a Japanese replay line: the computation's Python name, JSON paths and
    JSON values may stay as they are."""
    names = {part for name in COMPUTATIONS.values() for part in name.split("_")}
    data = {"clararules", "true", "false", "null"}  # the library's name, JSON values
    return [word for word in stray_words(text, typed) if word not in names | data]


# ---------------------------------------------------------------- --audit FILE


@pytest.mark.parametrize("name", AUDITED)
def test_audit_writes_a_record_that_replays_identical(tmp_path, name):
    """G5: --audit FILE writes the record of the printed result as UTF-8 JSON (what to_audit
    gives), says so on stderr, and still prints the table; the record replays identical."""
    code, stdout, stderr, path = _audit(tmp_path, name)
    assert code == 0, stderr
    assert stdout == invoke(*COMMANDS[name])[1]
    assert stderr == f"wrote {path}\n"
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("}\n")
    record = json.loads(text)
    assert record["format"] == "clararules.audit.v1"
    assert record["computation"] == COMPUTATIONS[name]
    assert text == json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    found = clararules.replay(record)
    assert found.identical, found.explain()
    if name in NO_PARAMETERS:
        assert record["parameters"] is None  # they read no dated parameter (no --parameters)
    else:
        assert record["parameters"]["fingerprint"].startswith("sha256:")


@pytest.mark.parametrize("name", AUDITED)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_replay_command_says_identical(tmp_path, name, lang):
    """G5: `clararules replay FILE` exits 0 and says the record is identical, in --lang."""
    path = _audit(tmp_path, name)[3]
    code, stdout, stderr = invoke("replay", str(path), "--lang", lang)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [stdout.strip()]
    assert COMPUTATIONS[name] in stdout
    assert IDENTICAL[lang] in stdout
    if lang == "ja":
        assert _japanese_words(stdout) == [], stdout


@pytest.mark.parametrize("name", AUDITED)
def test_replay_json_when_identical(tmp_path, name):
    """--json prints what the replay found as a JSON object."""
    path = _audit(tmp_path, name)[3]
    code, stdout, _ = invoke("replay", str(path), "--json")
    assert code == 0
    assert json.loads(stdout) == {
        "identical": True,
        "computation": COMPUTATIONS[name],
        "recorded_version": clararules.__version__,
        "version": clararules.__version__,
        "differences": [],
        "wording": [],
    }
    assert invoke("replay", str(path), "--json", "--lang", "ja")[1] == stdout


def test_audit_with_json_output(tmp_path):
    """--audit leaves --json as it is: the result's JSON on stdout, the record in the file."""
    code, stdout, _, path = _audit(tmp_path, "restore", "--json")
    assert code == 0
    assert json.loads(stdout) == json.loads(path.read_text(encoding="utf-8"))["result"]


def test_audit_of_the_cancellation_date_alone(tmp_path):
    """cancel without --fee prints the cancellation date; --audit records that result."""
    path = tmp_path / "date.json"
    args = ["cancel", "--received-at", "2026-12-01T00:00+09:00", "--desired-month", "2026-12"]
    code, _, _ = invoke(*args, "--audit", str(path), "--lang", "ja")
    assert code == 0
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["computation"] == "cancellation_effective_date"
    assert record["parameters"] is None
    assert invoke("replay", str(path))[0] == 0


def test_audit_with_ics(tmp_path):
    """domain --ics FILE --audit FILE writes both files and says so for each."""
    ics, path = tmp_path / "renewal.ics", tmp_path / "renewal.json"
    code, stdout, stderr = invoke(*COMMANDS["domain"], "--ics", str(ics), "--audit", str(path))
    assert code == 0
    assert "2027-03-24" in stdout
    assert sorted(stderr.splitlines()) == sorted([f"wrote {ics}", f"wrote {path}"])
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert invoke("replay", str(path))[0] == 0


def test_audit_in_japanese_says_wrote_in_japanese(tmp_path):
    code, stdout, stderr, path = _audit(tmp_path, "debit", "--lang", "ja")
    assert code == 0
    assert "説明:" in stdout
    assert stderr == f"{path} に書き出しました\n"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("target", ["missing/record.json", "."], ids=["no-folder", "a-folder"])
def test_audit_file_that_cannot_be_written(tmp_path, monkeypatch, lang, target):
    """An --audit file that cannot be written is one line naming the option and the file,
    exit 2, and nothing printed (the record is written before the table)."""
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = invoke(*COMMANDS["cancel"], "--audit", target, "--lang", lang)
    line = assert_one_line_refusal(code, stdout, stderr, "--audit: ", lang)
    assert repr(target) in line
    assert not (tmp_path / "missing").exists()
    if lang == "ja":
        assert JAPANESE.search(line)
        assert stray_words(line, [target], error=True) == [], line


def test_audit_file_with_a_nul_character():
    line = assert_one_line_refusal(*invoke(*COMMANDS["debit"], "--audit", "a\x00b.json"))
    assert "--audit" in line


# ---------------------------------------------------------------- replay: differences


@pytest.mark.parametrize("name", sorted(TAMPERED))
def test_tampered_record_differs(tmp_path, name):
    """G5: a record whose result was changed replays not identical: exit 1, and the line names
    the field by its JSON path with the recorded and the recomputed values."""
    where, keys, real = TAMPERED[name]
    path = _audit(tmp_path, name)[3]
    record = json.loads(path.read_text(encoding="utf-8"))
    fake = 1 if isinstance(real, int) and not isinstance(real, bool) else "1999-01-01"
    if isinstance(real, bool):
        fake = not real
    _set(record, keys, fake)
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    shown = json.dumps(fake)
    code, stdout, stderr = invoke("replay", str(path))
    assert (code, stderr) == (1, "")
    assert "not identical" in stdout
    assert f"  {where}: recorded {shown}, recomputed {json.dumps(real)}" in stdout.splitlines()
    code, stdout, _ = invoke("replay", str(path), "--lang", "ja")
    assert code == 1
    assert "記録と一致しません" in stdout
    assert f"  {where}: 記録 {shown}、再計算 {json.dumps(real)}" in stdout.splitlines()
    assert _japanese_words(stdout) == [], stdout
    code, stdout, _ = invoke("replay", str(path), "--json")
    assert code == 1
    data = json.loads(stdout)
    assert data["identical"] is False
    assert data["differences"] == [{"path": where, "recorded": fake, "recomputed": real}]


def test_missing_field_is_null_in_json(tmp_path):
    """--json writes null for a field one side does not have (``ABSENT``)."""
    path = _audit(tmp_path, "restore")[3]
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["result"]["fee"]
    path.write_text(json.dumps(record), encoding="utf-8")
    code, stdout, _ = invoke("replay", str(path), "--json")
    assert code == 1
    assert json.loads(stdout)["differences"] == [
        {"path": "$.result.fee", "recorded": None, "recomputed": 12000}
    ]
    code, stdout, _ = invoke("replay", str(path))
    assert "  $.result.fee: recorded (absent), recomputed 12000" in stdout.splitlines()
    assert "（なし）" in invoke("replay", str(path), "--lang", "ja")[1]


def test_reworded_sentence_is_not_a_difference(tmp_path):
    """A sentence worded differently is listed apart and the replay is still identical."""
    path = _audit(tmp_path, "debit")[3]
    record = json.loads(path.read_text(encoding="utf-8"))
    record["result"]["explanation"][0]["en"] = "Worded otherwise."
    path.write_text(json.dumps(record), encoding="utf-8")
    code, stdout, _ = invoke("replay", str(path))
    assert code == 0
    assert "identical" in stdout and "Worded otherwise." in stdout
    data = json.loads(invoke("replay", str(path), "--json")[1])
    assert data["identical"] is True and data["differences"] == []
    assert data["wording"][0]["path"] == "$.result.explanation[0].en"
    assert replay_data(clararules.replay(record)) == data


# ---------------------------------------------------------------- replay: parameters (G6)


def test_provider_parameters_are_replayed_from_the_record(tmp_path):
    """G6: a record of a computation with --parameters FILE replays identical with the values
    it recorded (a 12% rate from 2030-04-01), not today's defaults: put the defaults in its
    place and the replay differs."""
    provider = tmp_path / "provider.toml"
    provider.write_text(RATE_2030, encoding="utf-8")
    args = [
        "cancel", "--received-at", "2030-05-01T00:00+09:00", "--fee", "5000",
        "--activated-on", "2030-01-15", "--term-months", "12",
    ]  # fmt: skip
    custom, default = tmp_path / "custom.json", tmp_path / "default.json"
    code, stdout, _ = invoke(*args, "--parameters", str(provider), "--audit", str(custom))
    assert code == 0 and "¥39,200" in stdout
    assert invoke(*args, "--audit", str(default))[0] == 0
    record = json.loads(custom.read_text(encoding="utf-8"))
    read = {(r["parameter"], r["since"]): r["value"] for r in record["parameters"]["read"]}
    assert read[("consumption_tax_rate", "2030-04-01")] in ("12/100", "3/25")
    for lang in ("en", "ja"):
        code, stdout, _ = invoke("replay", str(custom), "--lang", lang)
        assert code == 0 and IDENTICAL[lang] in stdout, stdout
    record["parameters"] = json.loads(default.read_text(encoding="utf-8"))["parameters"]
    custom.write_text(json.dumps(record), encoding="utf-8")
    code, stdout, _ = invoke("replay", str(custom))
    assert code == 1
    assert "  $.result.charge.amount_with_tax: recorded 39200, recomputed 38500" in stdout


def test_procedures_take_no_parameters_file(tmp_path):
    """ip-plan, seal and the other request checks read no dated parameter, nor does deadline,
    so they take no --parameters."""
    provider = tmp_path / "provider.toml"
    provider.write_text(RATE_2030, encoding="utf-8")
    for name in sorted(NO_PARAMETERS):
        code, stdout, stderr = invoke(*COMMANDS[name], "--parameters", str(provider))
        assert_one_line_refusal(code, stdout, stderr, "--parameters")


# ---------------------------------------------------------------- replay: refusals


NOT_RECORDS = {
    "not-a-record": ('{"a": 1}', "not a clararules audit record"),
    "a-list": ("[1, 2]", "an audit record is a JSON object"),
    "bad-json": ('{"format": ', "is not valid JSON at line 1, column 12"),
    "empty": ("", "is not valid JSON at line 1, column 1"),
    "wrong-format": ('{"format": "clararules.audit.v0"}', "this version reads"),
    "duplicate-key": ('{"a": 1, "a": 2}', "gives the key 'a' twice"),
}


@pytest.mark.parametrize("case", sorted(NOT_RECORDS))
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_not_a_record_is_refused(tmp_path, case, lang):
    """A file that is not an audit record is one line naming the file, exit 2, no traceback,
    in --lang."""
    text, needle = NOT_RECORDS[case]
    path = tmp_path / "record.json"
    path.write_text(text, encoding="utf-8")
    code, stdout, stderr = invoke("replay", str(path), "--lang", lang)
    line = assert_one_line_refusal(code, stdout, stderr, repr(str(path)), lang)
    if lang == "en":
        assert needle in line
    else:
        assert "監査記録" in line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_refused_inputs_name_the_field(tmp_path, lang):
    """A record whose inputs the library refuses now names $.inputs and the input."""
    path = _audit(tmp_path, "debit")[3]
    record = json.loads(path.read_text(encoding="utf-8"))
    record["inputs"]["notice_arrived"] = "2026-06-31"
    path.write_text(json.dumps(record), encoding="utf-8")
    line = assert_one_line_refusal(*invoke("replay", str(path), "--lang", lang), "$.inputs", lang)
    assert "notice_arrived" in line


MINE = {  # the command line's own refusals, from its catalog: all Japanese under --lang ja
    "missing": (lambda tmp: str(tmp / "missing.json"), "cannot read the audit record"),
    "folder": (lambda tmp: str(tmp), "Is a directory"),
    "not-utf8": (lambda tmp: _bytes(tmp, b'{"a": "\xff"}'), "not UTF-8 text (byte 8)"),
    "syntax": (lambda tmp: _bytes(tmp, b"{,}"), "not valid JSON at line 1, column 2"),
    "nested": (lambda tmp: _bytes(tmp, b"[" * 100_000), "nests arrays or objects too deeply"),
}


def _bytes(tmp, data):
    path = tmp / "record.json"
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("case", sorted(MINE))
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_unreadable_record_is_one_line(tmp_path, case, lang):
    """A missing or unreadable file, or one that is not UTF-8 JSON: one line naming the file,
    exit 2, no traceback; in Japanese with no stray English."""
    make, needle = MINE[case]
    target = make(tmp_path)
    code, stdout, stderr = invoke("replay", target, "--lang", lang)
    line = assert_one_line_refusal(code, stdout, stderr, repr(target), lang)
    if lang == "en":
        assert needle in line
    else:
        assert JAPANESE.search(line)
        assert stray_words(line, [target, "UTF", "JSON"], error=True) == [], line


@pytest.mark.parametrize("case", sorted(MINE))
def test_own_refusals_come_from_the_catalogs(monkeypatch, tmp_path, case):
    """G5: in the pseudo-locale the refusal holds no plain ASCII word but what was typed."""
    from clararules.cli import main as cli_main
    from clararules.core.i18n import PSEUDO

    monkeypatch.setattr(cli_main, "argv_lang", lambda argv: PSEUDO)
    target = MINE[case][0](tmp_path)
    code, stdout, stderr = invoke("replay", target)
    assert (code, stdout) == (2, "")
    line = stderr.removesuffix("\n")
    assert line.startswith("clararules: ⟦"), line
    assert stray_words(line.removeprefix("clararules:"), [target], error=True) == [], line


def test_replay_reads_standard_input(tmp_path):
    """`clararules replay -` reads the record from standard input (the real entry point)."""
    path = _audit(tmp_path, "seal")[3]

    def replay(data, *extra):
        return subprocess.run(
            [sys.executable, "-m", "clararules", "replay", "-", *extra],
            input=data,
            capture_output=True,
            timeout=60,
            check=False,
        )

    result = replay(path.read_bytes())
    assert result.returncode == 0, result.stderr
    assert b"check_seal" in result.stdout and b"identical" in result.stdout
    result = replay(b"nope", "--lang", "ja")
    line = assert_one_line_refusal(result.returncode, result.stdout, result.stderr, "", "ja")
    assert "（標準入力）" in line
    result = replay(b"[]")
    assert "the audit record from standard input is refused" in result.stderr.decode()


def test_replay_is_not_a_schema_subcommand():
    """`schema` covers the subcommands that compute; replay and --audit are not inputs."""
    assert set(json.loads(invoke("schema")[1])) == set(COMMANDS)
    assert invoke("schema", "replay")[0] == 2
    assert "audit" not in json.loads(invoke("schema", "cancel")[1])["properties"]


def test_replay_help_has_an_example():
    code, stdout, _ = invoke("replay", "--help")
    assert code == 0
    assert "Examples:" in stdout and "clararules replay" in stdout and "--audit" in stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_computing_subcommand_has_audit(name):
    """Every subcommand that prints a recorded result takes --audit; the others do not, and
    refuse it with one line."""
    code, stdout, _ = invoke(name, "--help")
    assert code == 0 and ("--audit FILE" in stdout) == (name not in NO_AUDIT)
    assert set(COMPUTATIONS) == set(AUDITED)
    if name in NO_AUDIT:
        assert_one_line_refusal(*invoke(*COMMANDS[name], "--audit", "x.json"), "--audit")
