"""G6 at the command line: ``--parameters FILE`` computes with a provider's own parameter file;
a bad file is one line and exit 2."""

import pytest

from .helpers import assert_one_line_refusal, invoke

RATE_2030 = """\
[[consumption_tax_rate]]
since = 2030-04-01
value = "12/100"
source = "the provider's notice of the new rate"
"""


def _cancel(*extra):
    return invoke(
        "cancel", "--received-at", "2030-05-01T00:00+09:00", "--fee", "5000",
        "--activated-on", "2030-01-15", "--term-months", "12", *extra,
    )  # fmt: skip


def test_parameters_file_changes_the_answer(tmp_path):
    """G3/G6: a 12% rate from 2030-04-01 in a provider file taxes the charge at 12%, and the
    explanation names the rate and its date."""
    path = tmp_path / "provider.toml"
    path.write_text(RATE_2030, encoding="utf-8")
    (code, default, _), (custom_code, custom, _) = _cancel(), _cancel("--parameters", str(path))
    assert code == custom_code == 0
    assert "¥38,500" in default and "¥39,200" in custom
    assert "12% (in force from 2030-04-01)" in custom


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (
            '[[consumption_tax_rate]]\nsince = 2030-04-01\nvalue = 0.12\nsource = "x"\n',
            "[0].value",
        ),
        ("[[nope]]\n", "nope"),
        ("not toml at all [", "1"),
    ],
)
def test_bad_parameters_file_is_one_line(tmp_path, text, needle):
    """G6: a malformed file is refused with one line naming the file and the key, exit 2."""
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    for lang in ("en", "ja"):
        code, stdout, stderr = invoke(
            "debit", "2026-06-03", "--parameters", str(path), "--lang", lang
        )
        assert_one_line_refusal(code, stdout, stderr, needle, lang)
        assert "bad.toml" in stderr
